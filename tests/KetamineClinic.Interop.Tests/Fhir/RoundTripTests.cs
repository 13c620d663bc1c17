using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Serialization;

namespace KetamineClinic.Interop.Tests.Fhir;

public sealed class RoundTripTests
{
    public static TheoryData<string> ResourceNames => [.. Samples.AllResources().Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void GivenEveryEmittedResource_WhenSerialisedAndParsedBack_ThenNothingIsLost(string name)
    {
        var resource = Samples.AllResources().Single(r => r.Name == name).Resource;
        var json = FhirJson.Serialize(resource);

        var parsed = Assert.IsType<FhirParseResult<Resource>.Parsed>(FhirJson.Parse(json));

        Assert.True(parsed.Value.IsExactly(resource), name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(FhirJson.Serialize(parsed.Value))), name);
    }

    [Fact]
    public void GivenATypedParse_WhenTheResourceIsOfAnotherType_ThenItIsRejectedWithTheTypeNamed()
    {
        var json = FhirJson.Serialize(new Patient { Id = "p1" });

        var rejected = Assert.IsType<FhirParseResult<Observation>.Rejected>(FhirJson.Parse<Observation>(json));

        Assert.Contains("Expected a Observation resource, got Patient", rejected.Issues[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(["resourceType"], rejected.Issues[0].Expression);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ not json", "not a FHIR JSON resource")]
    [InlineData("[]", "not a FHIR JSON resource")]
    [InlineData("{\"id\":\"x\"}", "resourceType")]
    [InlineData("{\"resourceType\":\"Foo\"}", "unknown resource type 'Foo'")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"bogus\",\"code\":{\"text\":\"x\"}}", "'bogus'")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"final\",\"surprise\":1,\"code\":{\"text\":\"x\"}}", "unknown element 'surprise'")]
    [InlineData("{\"resourceType\":\"Observation\",\"code\":{\"text\":\"x\"}}", "status")]
    public void GivenBrokenJson_WhenParsed_ThenTheParsersMessageIsInTheOutcome(string json, string expected)
    {
        var rejected = Assert.IsType<FhirParseResult<Resource>.Rejected>(FhirJson.Parse(json));

        Assert.Contains(rejected.Issues, i => i.Diagnostics.Contains(expected, StringComparison.Ordinal));
        var outcome = rejected.ToOperationOutcome();
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueSeverity.Error, i.Severity));
    }
}
