using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class Phq9Tests
{
    [Fact]
    [Trait("Vector", "TV-01")]
    [Trait("Rule", "PHQ9-01")]
    [Trait("Rule", "PHQ9-02")]
    public void GivenTwoItemsAtSeveralDays_WhenScoringPhq9_ThenTotal2NoneMinimalAndNoTrigger()
    {
        var result = Scored(InstrumentIds.Phq9, 0, 1, 0, 1, 0, 0, 0, 0, 0);

        Assert.Equal(2, result.Total);
        Assert.Equal("None–minimal", result.Band!.Display);
        Assert.Equal("none-minimal", result.Band.Code);
        Assert.Empty(result.SuicideRiskTriggers);
        Assert.Equal(SuicideRiskLevel.None, result.HighestSuicideRiskLevel);
        Assert.Equal(new InstrumentRef("phq-9", "1.0.0"), result.Instrument);
        Assert.Equal(ClinicProtocol.Default.Version, result.ProtocolVersion);
        Assert.Empty(result.Domains);
    }

    [Fact]
    [Trait("Vector", "TV-02")]
    [Trait("Rule", "PHQ9-02")]
    public void GivenTotal5_WhenScoringPhq9_ThenMildLowerBoundary()
    {
        var result = Scored(InstrumentIds.Phq9, 1, 1, 1, 1, 1, 0, 0, 0, 0);

        Assert.Equal(5, result.Total);
        Assert.Equal("Mild", result.Band!.Display);
    }

    [Fact]
    [Trait("Vector", "TV-03")]
    [Trait("Rule", "PHQ9-02")]
    public void GivenTotal10_WhenScoringPhq9_ThenModerate()
    {
        var result = Scored(InstrumentIds.Phq9, 2, 2, 1, 1, 1, 1, 1, 1, 0);

        Assert.Equal(10, result.Total);
        Assert.Equal("Moderate", result.Band!.Display);
        Assert.Empty(result.SuicideRiskTriggers);
    }

    [Fact]
    [Trait("Vector", "TV-04")]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    public void GivenTotal16AndItem9Of1_WhenScoringPhq9_ThenModeratelySevereAndSi1Workflow()
    {
        var result = Scored(InstrumentIds.Phq9, 3, 3, 2, 2, 2, 1, 1, 1, 1);

        Assert.Equal(16, result.Total);
        Assert.Equal("Moderately severe", result.Band!.Display);
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal("PHQ9-SAFETY-01", trigger.Rule.Value);
        Assert.Equal(SuicideRiskLevel.SI1, trigger.Level);
        Assert.Equal("phq-9", trigger.InstrumentId);
        Assert.Equal("9", trigger.ItemLinkId);
        Assert.Equal(1, trigger.ItemValue);
        Assert.False(trigger.RequiresSameSessionCssrs);
        Assert.Equal("PHQ-9 item 9 = 1: SI-1 (PHQ9-SAFETY-01).", trigger.Reason);
    }

    [Fact]
    [Trait("Vector", "TV-07")]
    [Trait("Rule", "PHQ9-03")]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem3Missing_WhenScoringPhq9_ThenIncompleteWithoutTotal()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.Phq9, Numbered(1, 2, null, 1, 0, 0, 0, 0, 0)));

        Assert.Equal("PHQ9-03", result.Rule.Value);
        var missing = Assert.Single(result.MissingAnswers);
        Assert.Equal("3", missing.LinkId);
        Assert.Equal("Sleep problems (too little or too much)", missing.ItemText);
        Assert.Null(missing.AlternativeLinkId);
        Assert.Equal(8, result.ItemValues.Count);
        Assert.Empty(result.SuicideRiskTriggers);
    }

    [Theory]
    [Trait("Rule", "PHQ9-02")]
    [InlineData(0, "None–minimal")]
    [InlineData(4, "None–minimal")]
    [InlineData(5, "Mild")]
    [InlineData(9, "Mild")]
    [InlineData(10, "Moderate")]
    [InlineData(14, "Moderate")]
    [InlineData(15, "Moderately severe")]
    [InlineData(19, "Moderately severe")]
    [InlineData(20, "Severe")]
    [InlineData(27, "Severe")]
    public void GivenTotalAtBandEdge_WhenScoringPhq9_ThenBandIsExact(int total, string band)
    {
        // Item 9 stays 0 so the edge is reached by items 1-8 alone (max 24) where possible.
        var values = SummingTo(total, [3, 3, 3, 3, 3, 3, 3, 3, 3]);
        var result = Scored(InstrumentIds.Phq9, values);

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band!.Display);
    }

    [Theory]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    [InlineData(0, SuicideRiskLevel.None)]
    [InlineData(1, SuicideRiskLevel.SI1)]
    [InlineData(2, SuicideRiskLevel.SI1)]
    [InlineData(3, SuicideRiskLevel.SI1)]
    public void GivenItem9Value_WhenScoringPhq9WithLowTotal_ThenSiLevelWhateverTheTotal(int item9, SuicideRiskLevel expected)
    {
        var result = Scored(InstrumentIds.Phq9, 0, 0, 0, 0, 0, 0, 0, 0, item9);

        Assert.Equal(item9, result.Total);
        Assert.Equal(expected, result.HighestSuicideRiskLevel);
        Assert.Equal(expected == SuicideRiskLevel.None ? 0 : 1, result.SuicideRiskTriggers.Count);
    }

    [Fact]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    [Trait("Rule", "PHQ9-03")]
    public void GivenIncompletePhq9WithItem9Of2_WhenScoring_ThenSi1TriggerStillRaised()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.Phq9, Numbered(null, 0, 0, 0, 0, 0, 0, 0, 2)));

        Assert.Equal("1", Assert.Single(result.MissingAnswers).LinkId);
        Assert.Equal(SuicideRiskLevel.SI1, Assert.Single(result.SuicideRiskTriggers).Level);
        Assert.Equal(2, result.SuicideRiskTriggers[0].ItemValue);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem10Answered_WhenScoringPhq9_ThenItIsStoredButNeverSummed()
    {
        var answers = Numbered(1, 1, 1, 1, 1, 0, 0, 0, 0, 3);
        var result = Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.Phq9, answers));

        Assert.Equal(5, result.Total);
        Assert.Equal(3, result.ItemValues["10"]);
        Assert.Equal(10, result.ItemValues.Count);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem10Blank_WhenScoringPhq9_ThenStillComplete()
    {
        var result = Scored(InstrumentIds.Phq9, 1, 1, 1, 1, 1, 1, 1, 1, 0);

        Assert.Equal(8, result.Total);
        Assert.False(result.ItemValues.ContainsKey("10"));
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public void GivenItem10OutOfRange_WhenScoringPhq9_ThenRejected()
    {
        var result = Assert.IsType<InstrumentResult.Invalid>(
            Score(InstrumentIds.Phq9, Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0, 4)));

        Assert.Equal("10", Assert.Single(result.Errors).ItemLinkId);
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public void GivenItemOf4_WhenScoringPhq9_ThenValidationErrorNamesItemAndRange()
    {
        var result = Assert.IsType<InstrumentResult.Invalid>(
            Score(InstrumentIds.Phq9, Numbered(0, 0, 4, 0, 0, 0, 0, 0, 0)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("PHQ9-01", error.Rule.Value);
        Assert.Equal("3", error.ItemLinkId);
        Assert.Equal(ValidationProblem.OutOfRange, error.Problem);
        Assert.Equal("PHQ-9 item 3 (Sleep problems (too little or too much)): 4 is outside the allowed range 0–3 (PHQ9-01).", error.Message);
        Assert.Empty(result.SuicideRiskTriggers);
        Assert.Equal(ClinicProtocol.Default.Version, result.ProtocolVersion);
    }

    [Theory]
    [Trait("Rule", "PHQ9-01")]
    [InlineData(-1)]
    [InlineData(4)]
    public void GivenItemJustOutsideRange_WhenScoringPhq9_ThenOutOfRange(int value)
    {
        var result = Assert.IsType<InstrumentResult.Invalid>(
            Score(InstrumentIds.Phq9, Numbered(value, 0, 0, 0, 0, 0, 0, 0, 0)));

        Assert.Equal(ValidationProblem.OutOfRange, Assert.Single(result.Errors).Problem);
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public void GivenNonIntegerAnswer_WhenScoringPhq9_ThenRejectedAsNotAWholeNumber()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["2"] = ItemAnswer.Of(1.5m);

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Phq9, answers)).Errors);

        Assert.Equal(ValidationProblem.NotAWholeNumber, error.Problem);
        Assert.Equal("PHQ-9 item 2 (Low mood or hopelessness): 1.5 is not a whole number; allowed values are the whole numbers 0–3 (PHQ9-01).", error.Message);
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public void GivenDecimalWithZeroFraction_WhenScoringPhq9_ThenAccepted()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["2"] = ItemAnswer.Of(2.0m);

        Assert.Equal(2, Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.Phq9, answers)).Total);
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public void GivenYesNoAnswerToPhq9Item_WhenScoring_ThenWrongAnswerType()
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["4"] = true;

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Phq9, answers)).Errors);

        Assert.Equal(ValidationProblem.WrongAnswerType, error.Problem);
        Assert.Equal("PHQ-9 item 4 (Tiredness or low energy): expects a whole number 0–3, not Yes/No (PHQ9-01).", error.Message);
    }

    [Theory]
    [Trait("Rule", "PHQ9-01")]
    [InlineData("LA6568-5", 0)]
    [InlineData("LA6569-3", 1)]
    [InlineData("LA6570-1", 2)]
    [InlineData("LA6571-9", 3)]
    public void GivenLoincAnswerCode_WhenScoringPhq9_ThenCodeMapsToItsValue(string code, int value)
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["1"] = new ItemAnswer.Coded(CodeSystems.Loinc, code);

        var result = Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.Phq9, answers));

        Assert.Equal(value, result.Total);
        Assert.Equal(value, result.ItemValues["1"]);
    }

    [Theory]
    [Trait("Rule", "PHQ9-01")]
    [InlineData(CodeSystems.Loinc, "LA9999-9")]
    [InlineData("http://example.org", "LA6569-3")]
    public void GivenUnknownAnswerCode_WhenScoringPhq9_ThenRejected(string system, string code)
    {
        var answers = Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0);
        answers["1"] = new ItemAnswer.Coded(system, code);

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Phq9, answers)).Errors);

        Assert.Equal(ValidationProblem.UnknownAnswerCode, error.Problem);
        Assert.Equal($"PHQ-9 item 1 (Loss of interest or pleasure): answer code {system}|{code} is not one of the item's answers 0–3 (PHQ9-01).", error.Message);
    }

    [Fact]
    public void GivenPhq9Definition_ThenItemAndPanelLoincsAreTheVerifiedOnes()
    {
        var definition = Phq9.Definition;

        Assert.Equal(
            ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "69722-7"],
            definition.Items.Select(i => i.Code!.Code));
        Assert.All(definition.Items, i => Assert.Equal(CodeSystems.Loinc, i.Code!.System));
        Assert.Equal("44249-1", definition.PanelCode!.Code);
        Assert.Equal("44261-6", definition.TotalCode!.Code);
        Assert.Equal(CodeSystems.Loinc, definition.TotalCode.System);
        Assert.Equal((0, 27), (definition.TotalMin, definition.TotalMax));
        var item10 = definition.FindItem("10")!;
        Assert.False(item10.Scored);
        Assert.False(item10.Required);
        Assert.All(definition.Items.Take(9), i => Assert.True(i.Scored && i.Required));
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], definition.Items[0].Options.Select(o => o.Code!.Code));
        Assert.Equal("PHQ9-SAFETY-01", definition.SuicideItem!.Rule.Value);
        Assert.Equal("9", definition.SuicideItem.ItemLinkId);
    }
}
