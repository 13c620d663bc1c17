using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Serialization;

namespace KetamineClinic.Interop.Tests.Fhir;

/// <summary>Done-when of "FHIR R4 API": every kind of resource the server emits validates with zero errors.</summary>
public sealed class ValidationTests(ValidatorFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> ResourceNames => [.. Samples.AllResources().Select(r => r.Name)];

    public static TheoryData<string> VitalKinds => [.. Samples.Vitals.Select(v => v.Source.Measurement.Kind.ToString())];

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void GivenEveryEmittedResource_WhenValidatedAgainstItsR4BaseDefinition_ThenThereAreNoErrors(string name)
    {
        var resource = Samples.AllResources().Single(r => r.Name == name).Resource;

        var outcome = fixture.Validator.Validate(resource);

        output.WriteLine(ValidationAssert.Describe(outcome.Issue));
        ValidationAssert.NoErrors(outcome, name);
    }

    [Theory]
    [MemberData(nameof(VitalKinds))]
    public void GivenEachVitalSign_WhenValidatedAgainstVitalSignsAndItsOwnProfile_ThenThereAreNoErrors(string kind)
    {
        var (source, profile) = Samples.Vitals.Single(v => v.Source.Measurement.Kind.ToString() == kind);
        var observation = FhirMapper.ToObservation(source);

        Assert.Equal([profile], observation.Meta!.Profile);
        ValidationAssert.NoErrors(fixture.Validator.ValidateAgainst(observation, FhirConventions.Profiles.VitalSigns), kind + " vs vitalsigns");
        ValidationAssert.NoErrors(fixture.Validator.ValidateAgainst(observation, profile), kind + " vs " + profile);
    }

    [Fact]
    public void GivenABloodPressureWithoutEffectiveTime_WhenValidatedAgainstBp_ThenTheValidatorReportsIt()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[0].Source);
        observation.Effective = null;

        var errors = ValidationAssert.Errors(fixture.Validator.ValidateAgainst(observation, FhirConventions.Profiles.BloodPressure));

        Assert.Contains(errors, e => (e.Details?.Text ?? string.Empty).Contains("effective", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenABloodPressureInTheWrongUnit_WhenValidated_ThenMetaProfileBpRejectsTheUnit()
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[0].Source);
        var systolic = Assert.IsType<Quantity>(observation.Component[0].Value);
        systolic.Code = "mmHg";

        // Validate() against the base definition must still apply the bp profile named in meta.profile.
        var errors = ValidationAssert.Errors(fixture.Validator.Validate(observation));

        Assert.Contains(errors, e => (e.Details?.Text ?? string.Empty).Contains("mm[Hg]", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAHeartRateWithTheWrongLoincCode_WhenValidatedAgainstHeartrate_ThenItFails()
    {
        var (source, profile) = Samples.Vitals[1];
        var observation = FhirMapper.ToObservation(source);
        observation.Code.Coding[0].Code = "8480-6";

        Assert.NotEmpty(ValidationAssert.Errors(fixture.Validator.ValidateAgainst(observation, profile)));
    }

    [Fact]
    public void GivenAnObservationWithoutStatusOrCode_WhenValidated_ThenTheBaseDefinitionFails()
    {
        var observation = new Observation { Id = "x" };

        var errors = ValidationAssert.Errors(fixture.Validator.Validate(observation));

        Assert.True(errors.Count >= 2, ValidationAssert.Describe(errors));
    }

    [Fact]
    public void GivenAQuestionnaireResponseWithAnInvalidStatusCode_WhenValidated_ThenTheRequiredBindingIsChecked()
    {
        var response = FhirMapper.ToQuestionnaireResponse(Samples.Phq9Response);
        response.StatusElement = new Code<QuestionnaireResponse.QuestionnaireResponseStatus> { JsonValue = "finished" };

        Assert.NotEmpty(ValidationAssert.Errors(fixture.Validator.Validate(response)));
    }

    [Fact]
    public void GivenAClinicExtensionWithTheWrongValueType_WhenValidated_ThenItsDefinitionIsEnforced()
    {
        var administration = FhirMapper.ToMedicationAdministration(Samples.MedicationAdministration);
        administration.Extension.Single(e => e.Url == FhirConventions.Extensions.LotNumber).Value = new Integer(42);

        Assert.NotEmpty(ValidationAssert.Errors(fixture.Validator.Validate(administration)));
    }

    [Fact]
    public void GivenLoincSnomedAndRxNormCodes_WhenValidated_ThenUnknownExternalSystemsAreNotErrors()
    {
        // LOINC, SNOMED CT, RxNorm and NDC are not in the spec package; their codes must pass untested.
        var administration = FhirMapper.ToMedicationAdministration(Samples.MedicationAdministration);

        var outcome = fixture.Validator.Validate(administration);

        ValidationAssert.NoErrors(outcome, "MedicationAdministration");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenManyThreads_WhenValidatingAtOnce_ThenResultsMatchSequentialOnes()
    {
        var resources = Samples.AllResources().Take(8).Select(r => r.Resource).ToList();
        var expected = resources.Select(r => ValidationAssert.Errors(fixture.Validator.Validate(r)).Count).ToList();

        var parallel = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => resources.Select((r, i) =>
            System.Threading.Tasks.Task.Run(() => (i, ValidationAssert.Errors(fixture.Validator.Validate(r)).Count), TestContext.Current.CancellationToken))));

        Assert.All(parallel, p => Assert.Equal(expected[p.i], p.Count));
    }

    [Fact]
    public void GivenRawJsonAsReceived_WhenValidated_ThenTheBaseDefinitionAndMetaProfileApply()
    {
        var json = FhirJson.Serialize(FhirMapper.ToObservation(Samples.Vitals[1].Source)).Replace("\"/min\"", "\"/s\"", StringComparison.Ordinal);

        var errors = ValidationAssert.Errors(fixture.Validator.ValidateJson(json));

        Assert.NotEmpty(errors);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"id\":\"no-type\"}")]
    public void GivenUnreadableJson_WhenValidated_ThenAFatalIssueIsReturned(string json)
    {
        var issue = Assert.Single(fixture.Validator.ValidateJson(json).Issue);

        Assert.Equal(OperationOutcome.IssueSeverity.Fatal, issue.Severity);
        Assert.Equal(OperationOutcome.IssueType.Structure, issue.Code);
    }

    [Fact]
    public void GivenWarmUp_WhenGivenKnownAndUnknownTypes_ThenKnownOnesCompileAndUnknownOnesAreRefused()
    {
        fixture.Validator.WarmUp(["Patient", "Flag"]);

        Assert.Throws<ArgumentException>(() => fixture.Validator.WarmUp(["NotAResource"]));
    }

    [Fact]
    public void GivenTheFixture_WhenBuilt_ThenSetupTimeIsReported()
    {
        output.WriteLine($"Validator construction: {fixture.ConstructionTime.TotalSeconds:0.0} s (setup inside: {fixture.Validator.SetupTime.TotalSeconds:0.0} s)");
        Assert.True(fixture.Validator.SetupTime > TimeSpan.Zero);
    }
}
