using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class MadrsTests
{
    private static ClinicProtocol AlternativeBands => new()
    {
        Version = new ProtocolVersion("test-madrs-12-24-35"),
        Instruments = InstrumentsProtocol.Default with { MadrsBands = MadrsBandScheme.CutPoints12To24To35 },
    };

    [Fact]
    [Trait("Vector", "TV-13")]
    [Trait("Rule", "MADRS-01")]
    [Trait("Rule", "MADRS-SAFETY-01")]
    public void GivenTv13Items_WhenScoringMadrs_ThenTotal32ModerateAndSi1BeforeInfusion()
    {
        var result = Scored(InstrumentIds.Madrs, 4, 4, 3, 4, 2, 3, 3, 4, 3, 2);

        Assert.Equal(32, result.Total);
        Assert.Equal("Moderate", result.Band!.Display);
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(("MADRS-SAFETY-01", SuicideRiskLevel.SI1, "10", 2), (trigger.Rule.Value, trigger.Level, trigger.ItemLinkId, trigger.ItemValue));
        var escalation = SuicideRiskEscalation.Evaluate(result.SuicideRiskTriggers, ClinicProtocol.Default);
        Assert.Contains(escalation.RequiredActions, a => a.Kind == SafetyActionKind.ClinicianReviewBeforeInfusion && a.Deadline == ActionDeadline.BeforeInfusion);
    }

    [Fact]
    [Trait("Vector", "TV-70")]
    [Trait("Rule", "MADRS-SAFETY-01")]
    public void GivenTv70Items_WhenScoringMadrs_ThenTotal45SevereAndSi3()
    {
        var result = Scored(InstrumentIds.Madrs, 5, 5, 4, 4, 3, 4, 4, 5, 5, 6);

        Assert.Equal(45, result.Total);
        Assert.Equal("Severe", result.Band!.Display);
        Assert.Equal(SuicideRiskLevel.SI3, Assert.Single(result.SuicideRiskTriggers).Level);
    }

    [Theory]
    [Trait("Rule", "MADRS-SAFETY-01")]
    [InlineData(0, SuicideRiskLevel.None)]
    [InlineData(1, SuicideRiskLevel.None)]
    [InlineData(2, SuicideRiskLevel.SI1)]
    [InlineData(3, SuicideRiskLevel.SI1)]
    [InlineData(4, SuicideRiskLevel.SI2)]
    [InlineData(5, SuicideRiskLevel.SI2)]
    [InlineData(6, SuicideRiskLevel.SI3)]
    public void GivenItem10Value_WhenScoringMadrs_ThenSiLevel(int item10, SuicideRiskLevel expected)
    {
        var result = Scored(InstrumentIds.Madrs, 0, 0, 0, 0, 0, 0, 0, 0, 0, item10);

        Assert.Equal(expected, result.HighestSuicideRiskLevel);
        Assert.Equal(expected == SuicideRiskLevel.None ? 0 : 1, result.SuicideRiskTriggers.Count);
    }

    [Theory]
    [Trait("Rule", "MADRS-01")]
    [InlineData(0, "Normal/absent")]
    [InlineData(6, "Normal/absent")]
    [InlineData(7, "Mild")]
    [InlineData(19, "Mild")]
    [InlineData(20, "Moderate")]
    [InlineData(34, "Moderate")]
    [InlineData(35, "Severe")]
    [InlineData(60, "Severe")]
    public void GivenTotalAtSnaithEdge_WhenScoringMadrs_ThenBandIsExact(int total, string band)
    {
        var result = Scored(InstrumentIds.Madrs, SummingTo(total, 10, 6));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band!.Display);
    }

    [Theory]
    [Trait("Rule", "MADRS-01")]
    [InlineData(11, "Normal/absent")]
    [InlineData(12, "Mild")]
    [InlineData(23, "Mild")]
    [InlineData(24, "Moderate")]
    [InlineData(34, "Moderate")]
    [InlineData(35, "Severe")]
    public void GivenAlternativeCutPointsInProtocol_WhenScoringMadrs_ThenBandsFollow12To24To35(int total, string band)
    {
        var result = Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.Madrs, Numbered(SummingTo(total, 10, 6)), AlternativeBands));

        Assert.Equal(band, result.Band!.Display);
        Assert.Equal("test-madrs-12-24-35", result.ProtocolVersion.Value);
    }

    [Fact]
    public void GivenProtocolScheme_WhenGettingMadrsDefinition_ThenMatchingBandsAreUsed()
    {
        Assert.Equal([0, 7, 20, 35], Madrs.Definition(ClinicProtocol.Default).Bands.Select(b => b.Min));
        Assert.Equal([0, 12, 24, 35], Madrs.Definition(AlternativeBands).Bands.Select(b => b.Min));
        Assert.Equal([0, 7, 20, 35], Madrs.SnaithDefinition.Bands.Select(b => b.Min));
        Assert.Equal([0, 12, 24, 35], Madrs.CutPoints12To24To35Definition.Bands.Select(b => b.Min));
    }

    [Theory]
    [Trait("Rule", "MADRS-01")]
    [InlineData(-1)]
    [InlineData(7)]
    public void GivenItemOutside0To6_WhenScoringMadrs_ThenRejectedUnderMadrs01(int value)
    {
        var result = Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Madrs, Numbered(0, 0, 0, 0, value, 0, 0, 0, 0, 0)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("MADRS-01", error.Rule.Value);
        Assert.Equal($"MADRS item 5 (Reduced appetite): {value} is outside the allowed range 0–6 (MADRS-01).", error.Message);
    }

    [Fact]
    [Trait("Rule", "MADRS-01")]
    public void GivenHalfPointRating_WhenScoringMadrs_ThenNonIntegerRejected()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["3"] = ItemAnswer.Of(2.5m);

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Madrs, answers)).Errors);

        Assert.Equal(ValidationProblem.NotAWholeNumber, error.Problem);
        Assert.Equal("MADRS-01", error.Rule.Value);
    }

    [Fact]
    [Trait("Rule", "MADRS-01")]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem10Of6AndItem1Missing_WhenScoringMadrs_ThenIncompleteButSi3Raised()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.Madrs, Numbered(null, 0, 0, 0, 0, 0, 0, 0, 0, 6)));

        Assert.Equal("SCALE-01", result.Rule.Value);
        Assert.Equal(SuicideRiskLevel.SI3, result.HighestSuicideRiskLevel);
    }

    [Fact]
    public void GivenMadrsDefinition_ThenLocalCodesNeverLoinc()
    {
        var definition = Madrs.SnaithDefinition;

        Assert.Equal(new ConceptCode(CodeSystems.InstrumentScores, "madrs-total", "MADRS total score"), definition.TotalCode);
        Assert.Equal(CodeSystems.InstrumentScores, definition.PanelCode!.System);
        Assert.All(definition.Items, i => Assert.Null(i.Code));
        Assert.Equal((0, 60), (definition.TotalMin, definition.TotalMax));
    }
}
