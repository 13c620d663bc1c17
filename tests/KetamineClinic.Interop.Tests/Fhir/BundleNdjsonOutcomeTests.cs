using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

public sealed class BundleNdjsonOutcomeTests
{
    [Fact]
    public void GivenASearchPage_WhenBuilt_ThenTotalLinksFullUrlsAndSearchModesArePresent()
    {
        var bundle = SearchBundles.Build(Samples.SearchPageOf([FhirMapper.ToPatient(Samples.Patient)]));

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(41, bundle.Total);
        Assert.Equal(["self", "first", "previous", "next", "last"], bundle.Link.Select(l => l.Relation));
        Assert.Equal("https://clinic.example.org/fhir/Patient?_count=20&page=3", bundle.Link.Single(l => l.Relation == "next").Url);
        Assert.Equal("https://clinic.example.org/fhir/Patient/" + Samples.PatientId, bundle.Entry[0].FullUrl);
        Assert.Equal("https://clinic.example.org/fhir/Organization/" + Samples.OrganizationId, bundle.Entry[1].FullUrl);
        Assert.Equal([Bundle.SearchEntryMode.Match, Bundle.SearchEntryMode.Include, Bundle.SearchEntryMode.Outcome], bundle.Entry.Select(e => e.Search!.Mode));
        Assert.StartsWith("urn:uuid:", bundle.Entry[2].FullUrl, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.Zero), bundle.TimestampElement!.Value);
    }

    [Fact]
    public void GivenTheLastPage_WhenBuilt_ThenThereIsNoNextLinkAndTheOutcomeUrlIsStable()
    {
        var page = Samples.SearchPageOf([]) with { Links = new SearchLinks { Self = "https://clinic.example.org/fhir/Patient?page=3" }, Total = null };

        var first = SearchBundles.Build(page);
        var again = SearchBundles.Build(page);

        Assert.Equal(["self"], first.Link.Select(l => l.Relation));
        Assert.Null(first.Total);
        Assert.Equal(first.Entry[^1].FullUrl, again.Entry[^1].FullUrl);
        Assert.NotEqual(first.Entry[^1].FullUrl, SearchBundles.Build(Samples.SearchPageOf([])).Entry[^1].FullUrl);
    }

    [Fact]
    public void GivenARelativeLinkOrAResourceWithoutId_WhenBuilt_ThenItIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SearchLinks { Self = "/fhir/Patient" });
        Assert.ThrowsAny<ArgumentException>(() => SearchBundles.Build(Samples.SearchPageOf([new Patient()])));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenResources_WhenWrittenAsNdjson_ThenThereIsOneParseableResourcePerLine()
    {
        var patient = FhirMapper.ToPatient(Samples.Patient with { FamilyName = "Multi\nLine" });
        Resource[] resources = [patient, FhirMapper.ToObservation(Samples.Vitals[0].Source), FhirMapper.ToFlag(Samples.SuicideFlag)];
        using var stream = new MemoryStream();

        var written = await FhirNdjson.WriteAsync(stream, resources, TestContext.Current.CancellationToken);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(3, written);
        Assert.Equal(FhirNdjson.ToText(resources), text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["Patient", "Observation", "Flag"], lines.Select(l => Assert.IsType<FhirParseResult<Resource>.Parsed>(FhirJson.Parse(l)).Value.TypeName));
        Assert.Equal("Multi\nLine", ((Patient)((FhirParseResult<Resource>.Parsed)FhirJson.Parse(lines[0])).Value).Name[0].Family);
    }

    [Fact]
    public void GivenIssues_WhenBuilt_ThenTheOperationOutcomeCarriesSeverityCodeDiagnosticsAndExpression()
    {
        var outcome = OperationOutcomes.From(
        [
            FhirIssue.Error(FhirIssueType.CodeInvalid, "Unit mmHg is not accepted", "Observation.component[0].value"),
            new FhirIssue(FhirIssueSeverity.Warning, FhirIssueType.NotSupported, "Parameter _foo ignored"),
        ]);

        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue[0].Severity);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, outcome.Issue[0].Code);
        Assert.Equal("Unit mmHg is not accepted", outcome.Issue[0].Diagnostics);
        Assert.Equal(["Observation.component[0].value"], outcome.Issue[0].Expression);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[1].Code);
        Assert.True(OperationOutcomes.HasErrors(outcome));
        Assert.False(OperationOutcomes.HasErrors(OperationOutcomes.AllOk()));
        Assert.Equal(
            [("Unit mmHg is not accepted", FhirIssueSeverity.Error, FhirIssueType.CodeInvalid), ("Parameter _foo ignored", FhirIssueSeverity.Warning, FhirIssueType.NotSupported)],
            OperationOutcomes.Issues(outcome).Select(i => (i.Diagnostics, i.Severity, i.Code)));
        Assert.Throws<ArgumentException>(() => OperationOutcomes.From([]));
    }

    [Theory]
    [InlineData(FhirIssueType.Invalid, "invalid")]
    [InlineData(FhirIssueType.NotFound, "not-found")]
    [InlineData(FhirIssueType.Forbidden, "forbidden")]
    [InlineData(FhirIssueType.Conflict, "conflict")]
    [InlineData(FhirIssueType.Duplicate, "duplicate")]
    [InlineData(FhirIssueType.BusinessRule, "business-rule")]
    public void GivenAnIssueType_WhenSerialised_ThenItIsTheR4Code(FhirIssueType type, string code)
    {
        var json = FhirJson.Serialize(OperationOutcomes.Error(type, "x"));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(code, document.RootElement.GetProperty("issue")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void GivenAGuid_WhenTurnedIntoAnId_ThenItIsLowerCaseDFormatAndParsesBack()
    {
        var guid = Guid.Parse("0B7E3F3A-1D2C-4E5F-8A9B-0C1D2E3F4A5B");

        var id = FhirIds.From(guid);

        Assert.Equal("0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b", id);
        Assert.True(FhirIds.IsValid(id));
        Assert.True(FhirIds.TryParseGuid(id, out var back));
        Assert.Equal(guid, back);
        Assert.False(FhirIds.TryParseGuid("0b7e3f3a1d2c4e5f8a9b0c1d2e3f4a5b", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void GivenAnIllegalId_WhenUsedInASource_ThenTheSourceRefusesIt(string id)
    {
        Assert.False(FhirIds.IsValid(id));
        Assert.Throws<ArgumentException>(() => Samples.Patient with { Id = id });
        Assert.Throws<ArgumentException>(() => Samples.Vitals[0].Source with { PatientId = id });
    }

    [Fact]
    public void GivenImplausibleOrInvalidSourceValues_WhenBuilt_ThenTheyAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VitalMeasurement.OxygenSaturation(100.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VitalMeasurement.BloodPressure(0m, 80m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Samples.MedicationAdministration with { DoseMg = 0m });
        Assert.Throws<ArgumentOutOfRangeException>(() => Samples.Phq9Score with { Total = -1 });
        Assert.Throws<ArgumentException>(() => Samples.Practitioner with { Npi = "12345" });
        Assert.Throws<ArgumentException>(() => Samples.BpGateOverride with { Implicated = ["Observation"] });
        Assert.Throws<ArgumentException>(() => new OpeningHoursSource(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(8, 0)));
        Assert.Throws<ArgumentException>(() => Samples.Patient with { Mrn = " " });
        Assert.Equal(100m, new VitalMeasurement.OxygenSaturation(100m).Percent);
    }
}
