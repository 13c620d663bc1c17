using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

public sealed class VitalSignObservationParserTests
{
    public static TheoryData<int> VitalIndexes => [.. Enumerable.Range(0, Samples.Vitals.Count)];

    [Theory]
    [MemberData(nameof(VitalIndexes))]
    public void GivenAnObservationThisServerEmits_WhenPostedBack_ThenTheSameReadingIsRead(int index)
    {
        var source = Samples.Vitals[index].Source;
        var json = FhirJson.Serialize(FhirMapper.ToObservation(source));

        var parsed = Assert.IsType<FhirParseResult<InboundVitalSign>.Parsed>(VitalSignObservationParser.Parse(json)).Value;

        Assert.Equal(source.Measurement, parsed.Measurement);
        Assert.Equal(source.EffectiveAt, parsed.EffectiveAt);
        Assert.Equal(Samples.PatientId, parsed.PatientId);
        Assert.Equal(Samples.EncounterId, parsed.EncounterId);
        Assert.Equal(Samples.DeviceId, parsed.DeviceId);
        Assert.Equal(source.Identifier, parsed.Identifier);
        Assert.Equal(VitalInterpretation.Normal, parsed.Interpretation);
        Assert.Equal(ResultStatus.Final, parsed.Status);
    }

    [Fact]
    public void GivenADeviceBloodPressurePanel_WhenParsed_ThenSystolicDiastolicDeviceAndIdempotencyKeyAreRead()
    {
        const string json = """
        {
          "resourceType": "Observation",
          "identifier": [{ "system": "urn:device:monitor-7", "value": "reading-000981" }],
          "status": "final",
          "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs" }] }],
          "code": { "coding": [{ "system": "http://loinc.org", "code": "85354-9" }] },
          "subject": { "reference": "https://clinic.example.org/fhir/Patient/0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b" },
          "effectiveDateTime": "2026-03-02T14:05:00.1234567891-05:00",
          "device": { "reference": "Device/c18e7d9f-a2b4-43d5-a0f7-8192a3b4c5d6" },
          "component": [
            { "code": { "coding": [{ "system": "http://loinc.org", "code": "8462-4" }] }, "valueQuantity": { "value": 96, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]" } },
            { "code": { "coding": [{ "system": "http://loinc.org", "code": "8480-6" }] }, "valueQuantity": { "value": 184, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]" } }
          ]
        }
        """;

        var parsed = Assert.IsType<FhirParseResult<InboundVitalSign>.Parsed>(VitalSignObservationParser.Parse(json)).Value;

        var bp = Assert.IsType<VitalMeasurement.BloodPressure>(parsed.Measurement);
        Assert.Equal(184m, bp.SystolicMmHg);
        Assert.Equal(96m, bp.DiastolicMmHg);
        Assert.Equal(new ExternalIdentifier("urn:device:monitor-7", "reading-000981"), parsed.Identifier);
        Assert.Equal("c18e7d9f-a2b4-43d5-a0f7-8192a3b4c5d6", parsed.DeviceId);
        Assert.Equal(Samples.PatientId, parsed.PatientId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 19, 5, 0, TimeSpan.Zero).AddTicks(1234567), parsed.EffectiveAt);
        Assert.Null(parsed.EncounterId);
    }

    [Theory]
    [InlineData("2708-6")]
    [InlineData("59408-5")]
    public void GivenSpo2CodedWithEitherLoinc_WhenParsed_ThenItIsOxygenSaturation(string loinc)
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[2].Source);
        observation.Code = new CodeableConcept("http://loinc.org", loinc);

        var parsed = Assert.IsType<FhirParseResult<InboundVitalSign>.Parsed>(VitalSignObservationParser.Parse(observation)).Value;

        Assert.Equal(new VitalMeasurement.OxygenSaturation(97m), parsed.Measurement);
    }

    [Fact]
    public void GivenAnUnknownLoincCode_WhenParsed_ThenItIsRejectedNamingTheSupportedCodes()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[1].Source);
        observation.Code = new CodeableConcept("http://loinc.org", "2710-2");

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(FhirIssueType.CodeInvalid, issue.Code);
        Assert.Equal(["Observation.code"], issue.Expression);
        Assert.Contains("http://loinc.org|2710-2", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("8867-4", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "{beats}/min")]
    [InlineData(2, "[%]")]
    [InlineData(4, "[lb_av]")]
    [InlineData(5, "[degF]")]
    public void GivenAValueInAnotherUnit_WhenParsed_ThenTheUnitIsRejected(int index, string unit)
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[index].Source);
        ((Quantity)observation.Value!).Code = unit;

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(FhirIssueType.CodeInvalid, issue.Code);
        Assert.Equal(["Observation.value"], issue.Expression);
        Assert.Contains(unit, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenABloodPressureInMmHgWithoutBrackets_WhenParsed_ThenTheComponentIsNamed()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[0].Source);
        ((Quantity)observation.Component[1].Value!).Code = "mmHg";

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(["Observation.component[1].value"], issue.Expression);
    }

    [Fact]
    public void GivenABloodPressurePanelWithoutDiastolic_WhenParsed_ThenTheMissingComponentIsReported()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[0].Source);
        observation.Component.RemoveAt(1);

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(FhirIssueType.Required, issue.Code);
        Assert.Contains("8462-4", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnImplausibleSpo2_WhenParsed_ThenItIsRejectedAsAValueError()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[2].Source);
        ((Quantity)observation.Value!).Value = 104m;

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(FhirIssueType.Value, issue.Code);
        Assert.Contains("104", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEverythingWrongAtOnce_WhenParsed_ThenEveryProblemIsReported()
    {
        var observation = new Observation
        {
            Status = ObservationStatus.EnteredInError,
            Code = new CodeableConcept("http://loinc.org", "8867-4"),
            Subject = new ResourceReference("Group/abc"),
            Effective = new FhirDateTime("2026-03-02"),
            Identifier = [new Identifier { Value = "no-system" }],
        };

        var issues = Rejected(observation);

        Assert.Equal(
            ["Observation.status", "Observation.category", "Observation.value", "Observation.effective", "Observation.subject", "Observation.identifier[0]"],
            issues.Select(i => i.Expression[0]));
    }

    [Fact]
    public void GivenAnEffectivePeriod_WhenParsed_ThenAMomentIsAskedFor()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[1].Source);
        observation.Effective = new Period(new FhirDateTime(2026, 3, 2), new FhirDateTime(2026, 3, 3));

        var issue = Assert.Single(Rejected(observation));

        Assert.Equal(FhirIssueType.NotSupported, issue.Code);
        Assert.Contains("effectiveDateTime", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADataAbsentReason_WhenParsed_ThenTheReadingIsRejected()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[1].Source);
        observation.Value = null;
        observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "error");

        Assert.Equal(["Observation.dataAbsentReason"], Assert.Single(Rejected(observation)).Expression);
    }

    [Fact]
    public void GivenJsonThatIsNotAnObservation_WhenParsed_ThenTheParserSaysSo()
    {
        var json = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p" }.ToJsonString();

        var rejected = Assert.IsType<FhirParseResult<InboundVitalSign>.Rejected>(VitalSignObservationParser.Parse(json));

        Assert.Contains("got Patient", rejected.Issues[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAParsedReading_WhenTurnedIntoASource_ThenItMapsToAProfiledObservation()
    {
        var inbound = Assert.IsType<FhirParseResult<InboundVitalSign>.Parsed>(
            VitalSignObservationParser.Parse(FhirMapper.ToObservation(Samples.Vitals[3].Source))).Value;

        var observation = FhirMapper.ToObservation(inbound.ToSource("70000000-0000-4000-8000-000000000001"));

        Assert.Equal("70000000-0000-4000-8000-000000000001", observation.Id);
        Assert.Equal(["http://hl7.org/fhir/StructureDefinition/resprate"], observation.Meta!.Profile);
    }

    private static IReadOnlyList<FhirIssue> Rejected(Observation observation) =>
        Assert.IsType<FhirParseResult<InboundVitalSign>.Rejected>(VitalSignObservationParser.Parse(observation)).Issues;
}
