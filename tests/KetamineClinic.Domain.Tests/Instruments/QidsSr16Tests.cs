using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class QidsSr16Tests
{
    [Fact]
    [Trait("Vector", "TV-11")]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public void GivenTv11Items_WhenScoringQids_ThenDomainCollapseGives16NotTheNaive18()
    {
        int?[] items = [2, 1, 0, 0, 2, 1, 0, 2, 0, 2, 2, 1, 2, 2, 1, 0];
        var result = Scored(InstrumentIds.QidsSr16, items);

        Assert.Equal(18, items.Sum());
        Assert.Equal(16, result.Total);
        Assert.Equal("Severe", result.Band!.Display);
        Assert.Equal(
            [("Sleep", 2), ("Sad mood", 2), ("Appetite/weight", 2), ("Concentration", 2), ("Self-view", 2), ("Suicidal ideation", 1), ("Interest", 2), ("Energy", 2), ("Psychomotor", 1)],
            result.Domains.Select(d => (d.Name, d.Score)));
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(SuicideRiskLevel.SI1, trigger.Level);
        Assert.Equal("QIDS-SAFETY-01", trigger.Rule.Value);
        Assert.False(trigger.RequiresSameSessionCssrs);
    }

    [Fact]
    [Trait("Vector", "TV-68")]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public void GivenTv68Items_WhenScoringQids_ThenTotal16SevereAndSi2WithMandatoryCssrs()
    {
        var result = Scored(InstrumentIds.QidsSr16, 1, 1, 0, 0, 2, 1, 0, 0, 0, 2, 2, 3, 2, 2, 1, 0);

        Assert.Equal(16, result.Total);
        Assert.Equal("Severe", result.Band!.Display);
        Assert.Equal([1, 2, 1, 2, 2, 3, 2, 2, 1], result.Domains.Select(d => d.Score));
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(SuicideRiskLevel.SI2, trigger.Level);
        Assert.True(trigger.RequiresSameSessionCssrs);
        Assert.Equal("12", trigger.ItemLinkId);
        Assert.Equal(3, trigger.ItemValue);
        Assert.Equal("QIDS-SR16 item 12 = 3: SI-2 with a mandatory same-session C-SSRS (QIDS-SAFETY-01).", trigger.Reason);
    }

    [Theory]
    [Trait("Rule", "QIDS-SAFETY-01")]
    [InlineData(0, SuicideRiskLevel.None, false)]
    [InlineData(1, SuicideRiskLevel.SI1, false)]
    [InlineData(2, SuicideRiskLevel.SI1, false)]
    [InlineData(3, SuicideRiskLevel.SI2, true)]
    public void GivenItem12Value_WhenScoringQids_ThenSiLevel(int item12, SuicideRiskLevel expected, bool mandatoryCssrs)
    {
        var result = Scored(InstrumentIds.QidsSr16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, item12, 0, 0, 0, 0);

        Assert.Equal(expected, result.HighestSuicideRiskLevel);
        Assert.Equal(mandatoryCssrs, result.SuicideRiskTriggers.Any(t => t.RequiresSameSessionCssrs));
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenOnlyOneItemOfEachEitherOrPair_WhenScoringQids_ThenCompleteAndMaxTaken()
    {
        var result = Scored(InstrumentIds.QidsSr16, 0, 0, 0, 0, 0, null, 3, 2, null, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(3, result.Total);
        Assert.Equal(3, result.Domains.Single(d => d.Name == "Appetite/weight").Score);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenBothAnswersOfEachPair_WhenScoringQids_ThenMaxOfTheFourIsTaken()
    {
        var result = Scored(InstrumentIds.QidsSr16, 0, 0, 0, 0, 0, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(2, result.Total);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenNeitherWeightItem_WhenScoringQids_ThenIncompleteNamingThePair()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.QidsSr16, Numbered(0, 0, 0, 0, 0, 1, null, null, null, 0, 0, 0, 0, 0, 0, 0)));

        var missing = Assert.Single(result.MissingAnswers);
        Assert.Equal(("8", "9"), (missing.LinkId, missing.AlternativeLinkId));
        Assert.Equal("Weight loss", missing.ItemText);
        Assert.Equal("SCALE-01", result.Rule.Value);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenSleepItemMissing_WhenScoringQids_ThenIncompleteEvenIfDomainMaxIsKnown()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.QidsSr16, Numbered(3, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

        var missing = Assert.Single(result.MissingAnswers);
        Assert.Equal("2", missing.LinkId);
        Assert.Null(missing.AlternativeLinkId);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public void GivenMissingItemsAndItem12Of3_WhenScoringQids_ThenIncompleteStillRaisesSi2InFormOrder()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.QidsSr16, Numbered(null, 0, 0, 0, 0, null, null, 0, 0, 0, 0, 3, 0, 0, 0, null)));

        Assert.Equal(["1", "6", "16"], result.MissingAnswers.Select(m => m.LinkId));
        Assert.Equal("7", result.MissingAnswers[1].AlternativeLinkId);
        Assert.Equal(SuicideRiskLevel.SI2, result.HighestSuicideRiskLevel);
    }

    [Theory]
    [InlineData(0, "None")]
    [InlineData(5, "None")]
    [InlineData(6, "Mild")]
    [InlineData(10, "Mild")]
    [InlineData(11, "Moderate")]
    [InlineData(15, "Moderate")]
    [InlineData(16, "Severe")]
    [InlineData(20, "Severe")]
    [InlineData(21, "Very severe")]
    [InlineData(27, "Very severe")]
    public void GivenTotalAtBandEdge_WhenScoringQids_ThenBandIsExact(int total, string band)
    {
        // One representative item per domain (1, 5, 6, 10, 11, 12, 13, 14, 15) carries the score; the rest are 0.
        var domainValues = SummingTo(total, 9, 3);
        int?[] items = new int?[16];
        int[] representatives = [0, 4, 5, 9, 10, 11, 12, 13, 14];
        for (var i = 0; i < 16; i++)
        {
            items[i] = 0;
        }

        for (var d = 0; d < 9; d++)
        {
            items[representatives[d]] = domainValues[d];
        }

        var result = Scored(InstrumentIds.QidsSr16, items);

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band!.Display);
    }

    [Fact]
    public void GivenAllSixteenItemsAt3_WhenScoringQids_ThenTotalIs27NotTheRawSum48()
    {
        var result = Scored(InstrumentIds.QidsSr16, Enumerable.Repeat<int?>(3, 16).ToArray());

        Assert.Equal(27, result.Total);
    }

    [Fact]
    public void GivenQidsDefinition_ThenLocalCodesAndRange0To27()
    {
        var definition = QidsSr16.Definition;

        Assert.Equal(ScoringMethod.SumOfDomainMaxima, definition.Scoring);
        Assert.Equal((0, 27), (definition.TotalMin, definition.TotalMax));
        Assert.Equal(CodeSystems.InstrumentScores, definition.TotalCode!.System);
        Assert.Equal("qids-sr16-total", definition.TotalCode.Code);
        Assert.Equal(9, definition.Domains.Count);
        Assert.Equal([["6", "7"], ["8", "9"]], definition.EitherOrGroups.Select(g => g.ItemLinkIds));
        Assert.Equal(SuicideRiskLevel.SI2, definition.SuicideItem!.SameSessionCssrsFrom);
    }
}
