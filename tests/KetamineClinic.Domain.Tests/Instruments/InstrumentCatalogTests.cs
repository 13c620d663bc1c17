using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class InstrumentCatalogTests
{
    [Fact]
    public void GivenCatalog_ThenEveryIdResolvesToItsDefinition()
    {
        var all = InstrumentCatalog.All(ClinicProtocol.Default);

        Assert.Equal(InstrumentCatalog.Ids, all.Select(d => d.Id));
        Assert.Equal(11, all.Count);
        Assert.All(all, d => Assert.Equal("1.0.0", d.Version));
    }

    [Theory]
    [InlineData(InstrumentIds.Phq9, 0, 27)]
    [InlineData(InstrumentIds.Gad7, 0, 21)]
    [InlineData(InstrumentIds.QidsSr16, 0, 27)]
    [InlineData(InstrumentIds.Madrs, 0, 60)]
    [InlineData(InstrumentIds.Hamd17, 0, 52)]
    [InlineData(InstrumentIds.Cadss23, 0, 92)]
    [InlineData(InstrumentIds.Moaas, 0, 5)]
    [InlineData(InstrumentIds.BprsPositive, 4, 28)]
    [InlineData(InstrumentIds.BeckSsi, 0, 38)]
    public void GivenScoredInstrument_ThenTotalRangeMatchesTheSpec(string id, int min, int max)
    {
        var definition = InstrumentCatalog.Get(id, ClinicProtocol.Default);

        Assert.Equal((min, max), (definition.TotalMin, definition.TotalMax));
    }

    [Theory]
    [InlineData(InstrumentIds.QidsSr16)]
    [InlineData(InstrumentIds.Madrs)]
    [InlineData(InstrumentIds.Hamd17)]
    [InlineData(InstrumentIds.Cadss23)]
    [InlineData(InstrumentIds.BprsPositive)]
    [InlineData(InstrumentIds.BeckSsi)]
    [InlineData(InstrumentIds.Moaas)]
    public void GivenInstrumentWithoutVerifiedLoinc_ThenTotalUsesTheLocalCodeSystem(string id)
    {
        var definition = InstrumentCatalog.Get(id, ClinicProtocol.Default);

        Assert.Equal("https://ketamine.clinic/fhir/CodeSystem/instrument-scores", definition.TotalCode!.System);
        Assert.NotEqual(CodeSystems.Loinc, definition.PanelCode?.System);
    }

    [Fact]
    public void GivenUnknownInstrumentId_WhenScoring_ThenArgumentExceptionListsKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => InstrumentCatalog.Score("phq-8", Numbered(0), ClinicProtocol.Default));

        Assert.Contains("Unknown instrument 'phq-8'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("phq-9, gad-7", ex.Message, StringComparison.Ordinal);
        Assert.Null(InstrumentCatalog.Find("phq-8", ClinicProtocol.Default));
    }

    [Fact]
    public void GivenUnknownItemInResponse_WhenScoring_ThenInvalidNamingIt()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0);
        answers["8"] = 1;
        answers["0"] = 1;

        var result = Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Gad7, answers));

        Assert.Equal(["0", "8"], result.Errors.Select(e => e.ItemLinkId));
        Assert.All(result.Errors, e => Assert.Equal(ValidationProblem.UnknownItem, e.Problem));
        Assert.Equal("GAD-7 has no item '8' (SCALE-01).", result.Errors[1].Message);
    }

    [Fact]
    public void GivenSeveralBadItems_WhenScoring_ThenEveryErrorIsReportedInFormOrder()
    {
        var answers = Numbered(9, 0, 0, 0, 0, 0, 0, 0, 0, 7);

        var result = Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Madrs, answers));

        Assert.Equal(["1", "10"], result.Errors.Select(e => e.ItemLinkId));
    }

    [Fact]
    public void GivenNullAnswerValue_WhenScoring_ThenTreatedAsMissing()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0);
        answers["3"] = null!;

        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.Gad7, answers));

        Assert.Equal("3", Assert.Single(result.MissingAnswers).LinkId);
    }

    [Fact]
    public void GivenProtocolVersion_WhenScoring_ThenResultCarriesIt()
    {
        var protocol = new ClinicProtocol { Version = new ProtocolVersion("2026.1") };

        var result = Score(InstrumentIds.Gad7, Numbered(0, 0, 0, 0, 0, 0, 0), protocol);

        Assert.Equal("2026.1", result.ProtocolVersion.Value);
        Assert.Equal("gad-7@1.0.0", result.Instrument.ToString());
    }

    [Fact]
    public void GivenExplicitDefinition_WhenScoring_ThenSameAsById()
    {
        var byDefinition = Assert.IsType<InstrumentResult.Scored>(
            InstrumentCatalog.Score(Gad7.Definition, Numbered(1, 1, 1, 1, 1, 1, 1), ClinicProtocol.Default));

        Assert.Equal(7, byDefinition.Total);
    }

    [Fact]
    public void GivenAnswerFactories_ThenTheyBuildTheMatchingAnswerKinds()
    {
        Assert.Equal(new ItemAnswer.Number(2), ItemAnswer.FromInt32(2));
        Assert.Equal(new ItemAnswer.YesNo(true), ItemAnswer.FromBoolean(true));
        Assert.Equal(new ItemAnswer.YesNo(false), ItemAnswer.Of(false));
        Assert.Equal(new ItemAnswer.Number(1.5m), ItemAnswer.Of(1.5m));
    }
}
