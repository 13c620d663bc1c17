using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Serialization;

namespace KetamineClinic.Interop.Tests.Fhir;

/// <summary>
/// The exact JSON of a few resources, so an accidental change of code, unit, reference or shape shows up in review.
/// To accept a deliberate change: <c>KC_UPDATE_GOLDEN=1</c> rewrites the files in the source tree.
/// </summary>
public sealed class GoldenJsonTests
{
    public static TheoryData<string> GoldenNames => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void GivenASample_WhenSerialised_ThenTheJsonMatchesTheGoldenFile(string name)
    {
        var actual = FhirJson.Serialize(Cases()[name], pretty: true);
        var path = Path.Combine(AppContext.BaseDirectory, "Fhir", "Golden", name + ".json");

        if (Environment.GetEnvironmentVariable("KC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Golden", name + ".json"), actual + "\n");
        }

        Assert.True(File.Exists(path), $"Missing golden file {name}.json; run once with KC_UPDATE_GOLDEN=1 and review it.");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"{name} differs from its golden file:{Environment.NewLine}{actual}");
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void GivenAGoldenFile_WhenParsedBackWithFirely_ThenItSerialisesToTheSameJson(string name)
    {
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fhir", "Golden", name + ".json"));

        var parsed = Assert.IsType<FhirParseResult<Resource>.Parsed>(FhirJson.Parse(golden));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(golden), JsonNode.Parse(FhirJson.Serialize(parsed.Value))));
        Assert.True(parsed.Value.IsExactly(Cases()[name]), name + " parsed back is not the mapped resource");
    }

    private static Dictionary<string, Resource> Cases() => new(StringComparer.Ordinal)
    {
        ["patient"] = FhirMapper.ToPatient(Samples.Patient),
        ["observation-bp"] = FhirMapper.ToObservation(Samples.Vitals[0].Source),
        ["observation-spo2"] = FhirMapper.ToObservation(Samples.Vitals[2].Source),
        ["observation-phq9-total"] = FhirMapper.ToObservation(Samples.Phq9Score),
        ["observation-cssrs-risk"] = FhirMapper.ToObservation(Samples.CssrsScore),
        ["medication-administration"] = FhirMapper.ToMedicationAdministration(Samples.MedicationAdministration),
        ["questionnaire-response-phq9"] = FhirMapper.ToQuestionnaireResponse(Samples.Phq9Response),
        ["risk-assessment-none"] = FhirMapper.ToRiskAssessment(Samples.CssrsRiskAssessment),
        ["detected-issue-override"] = FhirMapper.ToDetectedIssue(Samples.BpGateOverride),
        ["bundle-searchset"] = SearchBundles.Build(Samples.SearchPageOf([FhirMapper.ToPatient(Samples.Patient)])),
    };

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
