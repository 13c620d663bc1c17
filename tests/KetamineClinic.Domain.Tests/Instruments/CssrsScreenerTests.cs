using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class CssrsScreenerTests
{
    private static InstrumentResult.Triaged Recent(Dictionary<string, ItemAnswer> answers) =>
        Assert.IsType<InstrumentResult.Triaged>(Score(InstrumentIds.CssrsRecent, answers));

    private static InstrumentResult.Triaged SinceLastVisit(Dictionary<string, ItemAnswer> answers) =>
        Assert.IsType<InstrumentResult.Triaged>(Score(InstrumentIds.CssrsSinceLastVisit, answers));

    [Fact]
    [Trait("Vector", "TV-45")]
    [Trait("Rule", "CSSRS-03")]
    public void GivenWishToBeDeadOnly_WhenTriagingCssrs_ThenLowAndSi1()
    {
        var result = Recent(Cssrs(q1: true, q2: false, q6: false));

        Assert.Equal(CssrsRiskLevel.Low, result.Risk);
        Assert.Equal("CSSRS-03", result.DecidedBy.Value);
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(("CSSRS-03", SuicideRiskLevel.SI1, "1", 1), (trigger.Rule.Value, trigger.Level, trigger.ItemLinkId, trigger.ItemValue));
        Assert.Equal("C-SSRS Screener (Recent): Low risk (item 1 = Yes): SI-1 (CSSRS-03).", trigger.Reason);
        Assert.Equal(CssrsScreenerVersion.Recent, result.ScreenerVersion);
        Assert.Equal(new InstrumentRef("cssrs-screener-recent", "1.0.0"), result.Instrument);
    }

    [Fact]
    [Trait("Vector", "TV-46")]
    [Trait("Rule", "CSSRS-02")]
    public void GivenThoughtsWithMethod_WhenTriagingCssrs_ThenModerateAndSi2()
    {
        var result = Recent(Cssrs(q1: true, q2: true, q3: true, q4: false, q5: false, q6: false));

        Assert.Equal(CssrsRiskLevel.Moderate, result.Risk);
        Assert.Equal("CSSRS-02", result.DecidedBy.Value);
        Assert.Equal(SuicideRiskLevel.SI2, Assert.Single(result.SuicideRiskTriggers).Level);
        Assert.Equal("3", result.SuicideRiskTriggers[0].ItemLinkId);
    }

    [Fact]
    [Trait("Vector", "TV-47")]
    [Trait("Rule", "CSSRS-01")]
    public void GivenIntent_WhenTriagingCssrs_ThenHighAndSi3()
    {
        var result = Recent(Cssrs(q1: true, q2: true, q3: true, q4: true, q5: false, q6: false));

        Assert.Equal(CssrsRiskLevel.High, result.Risk);
        Assert.Equal("CSSRS-01", result.DecidedBy.Value);
        Assert.Equal(("4", SuicideRiskLevel.SI3), (result.SuicideRiskTriggers[0].ItemLinkId, result.SuicideRiskTriggers[0].Level));
    }

    [Fact]
    [Trait("Vector", "TV-50")]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenQ3YesAfterQ2No_WhenValidatingCssrs_ThenBranchingViolation()
    {
        var result = Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.CssrsRecent, Cssrs(q1: true, q2: false, q3: true, q6: false)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSSRS-VAL-01", error.Rule.Value);
        Assert.Equal("3", error.ItemLinkId);
        Assert.Equal(ValidationProblem.BranchingViolation, error.Problem);
        Assert.Equal(
            "C-SSRS Screener (Recent) item 3 (Thought about how you might do this): answered Yes although item 2 was No; items 3–5 are asked only after item 2 = Yes (CSSRS-VAL-01).",
            error.Message);
        Assert.Empty(result.SuicideRiskTriggers);
    }

    [Theory]
    [Trait("Rule", "CSSRS-VAL-01")]
    [InlineData("4")]
    [InlineData("5")]
    public void GivenQ4OrQ5YesAfterQ2No_WhenValidatingCssrs_ThenBranchingViolation(string item)
    {
        var answers = Cssrs(q1: false, q2: false, q6: false);
        answers[item] = true;

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.CssrsSinceLastVisit, answers)).Errors);

        Assert.Equal((item, ValidationProblem.BranchingViolation), (error.ItemLinkId, error.Problem));
    }

    [Fact]
    [Trait("Vector", "TV-51")]
    [Trait("Rule", "CSSRS-04")]
    public void GivenAllNo_WhenTriagingCssrs_ThenNoneWithLocalValueAndNegligibleRisk()
    {
        var result = Recent(Cssrs(q1: false, q2: false, q6: false));

        Assert.Equal(CssrsRiskLevel.None, result.Risk);
        Assert.Equal("CSSRS-04", result.DecidedBy.Value);
        Assert.Empty(result.SuicideRiskTriggers);
        Assert.Equal(new ConceptCode(CodeSystems.CssrsRiskLevel, "none", "No risk identified"), result.Risk.ObservationValue());
        Assert.Equal("negligible", result.Risk.QualitativeRisk().Code);
        Assert.Equal(CodeSystems.RiskProbability, result.Risk.QualitativeRisk().System);
        Assert.Equal(ConceptCode.Loinc("93374-7", "C-SSRS suicide risk level"), CssrsScreener.RiskLevelCode);
    }

    [Fact]
    [Trait("Vector", "TV-91")]
    [Trait("Rule", "CSSRS-VAL-01")]
    [Trait("Rule", "CSSRS-04")]
    public void GivenEveryQuestionAnsweredNo_WhenTriagingRecentCssrs_ThenAcceptedAsNone()
    {
        var result = Recent(Cssrs(q1: false, q2: false, q3: false, q4: false, q5: false, q6: false, q6a: false));

        Assert.Equal(CssrsRiskLevel.None, result.Risk);
        Assert.Equal(7, result.ItemValues.Count);
    }

    [Fact]
    [Trait("Vector", "TV-92")]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenQ4MissingAfterQ2Yes_WhenTriagingCssrs_ThenIncompleteTreatedAsHighSi3()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(
            Score(InstrumentIds.CssrsRecent, Cssrs(q1: true, q2: true, q3: true, q5: false, q6: false)));

        Assert.Equal("CSSRS-VAL-01", result.Rule.Value);
        Assert.Equal("4", Assert.Single(result.MissingAnswers).LinkId);
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(("CSSRS-VAL-01", SuicideRiskLevel.SI3, "4"), (trigger.Rule.Value, trigger.Level, trigger.ItemLinkId));
        Assert.Null(trigger.ItemValue);
        Assert.Equal("C-SSRS Screener (Recent) incomplete (item 4 missing): treated as High, SI-3, until completed (CSSRS-VAL-01).", trigger.Reason);
    }

    [Fact]
    [Trait("Vector", "TV-93")]
    [Trait("Rule", "CSSRS-01")]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenBehaviorOnSinceLastVisitForm_WhenTriagingCssrs_ThenHighSi3WithLocalItemCodes()
    {
        var result = SinceLastVisit(Cssrs(q1: false, q2: false, q6: true));

        Assert.Equal(CssrsRiskLevel.High, result.Risk);
        Assert.Equal(CssrsScreenerVersion.SinceLastVisit, result.ScreenerVersion);
        Assert.Equal(("6", SuicideRiskLevel.SI3), (result.SuicideRiskTriggers[0].ItemLinkId, result.SuicideRiskTriggers[0].Level));
        var definition = CssrsScreener.SinceLastVisitDefinition;
        Assert.All(definition.Items, i => Assert.Equal(CodeSystems.InstrumentItems, i.Code!.System));
        Assert.Equal(["cssrs-slv-1", "cssrs-slv-2", "cssrs-slv-3", "cssrs-slv-4", "cssrs-slv-5", "cssrs-slv-6"], definition.Items.Select(i => i.Code!.Code));
        Assert.Null(definition.FindItem("6a"));
        Assert.Equal(CodeSystems.InstrumentItems, definition.PanelCode!.System);
    }

    [Fact]
    [Trait("Rule", "CSSRS-01")]
    public void GivenBehaviorWithinThreeMonths_WhenTriagingRecentCssrs_ThenHigh()
    {
        var result = Recent(Cssrs(q1: false, q2: false, q6: true, q6a: true));

        Assert.Equal(CssrsRiskLevel.High, result.Risk);
        Assert.Equal("6a", result.SuicideRiskTriggers[0].ItemLinkId);
    }

    [Fact]
    [Trait("Rule", "CSSRS-01")]
    public void GivenPlanWithoutIntent_WhenTriagingCssrs_ThenHighFromQ5()
    {
        var result = Recent(Cssrs(q1: true, q2: true, q3: true, q4: false, q5: true, q6: false));

        Assert.Equal(CssrsRiskLevel.High, result.Risk);
        Assert.Equal("5", result.SuicideRiskTriggers[0].ItemLinkId);
    }

    [Fact]
    [Trait("Rule", "CSSRS-02")]
    public void GivenBehaviorMoreThanThreeMonthsAgo_WhenTriagingRecentCssrs_ThenModerate()
    {
        var result = Recent(Cssrs(q1: false, q2: false, q6: true, q6a: false));

        Assert.Equal(CssrsRiskLevel.Moderate, result.Risk);
        Assert.Equal(("6a", 0), (result.SuicideRiskTriggers[0].ItemLinkId, result.SuicideRiskTriggers[0].ItemValue));
        Assert.Equal("C-SSRS Screener (Recent): Moderate risk (item 6a = No): SI-2 (CSSRS-02).", result.SuicideRiskTriggers[0].Reason);
    }

    [Fact]
    [Trait("Rule", "CSSRS-03")]
    public void GivenActiveThoughtsWithoutMethod_WhenTriagingCssrs_ThenLowFromQ2()
    {
        var result = Recent(Cssrs(q1: false, q2: true, q3: false, q4: false, q5: false, q6: false));

        Assert.Equal(CssrsRiskLevel.Low, result.Risk);
        Assert.Equal("2", result.SuicideRiskTriggers[0].ItemLinkId);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenQ6aYesAfterQ6No_WhenTriagingCssrs_ThenAcceptedAndIgnored()
    {
        var result = Recent(Cssrs(q1: false, q2: false, q6: false, q6a: true));

        Assert.Equal(CssrsRiskLevel.None, result.Risk);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenQ6YesWithoutQ6a_WhenTriagingRecentCssrs_ThenIncompleteTreatedAsHigh()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.CssrsRecent, Cssrs(q1: false, q2: false, q6: true)));

        Assert.Equal("6a", Assert.Single(result.MissingAnswers).LinkId);
        Assert.Equal(SuicideRiskLevel.SI3, result.HighestSuicideRiskLevel);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenEmptyScreener_WhenTriagingCssrs_ThenIncompleteListsTheAlwaysAskedQuestions()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.CssrsRecent, Cssrs()));

        Assert.Equal(["1", "2", "6"], result.MissingAnswers.Select(m => m.LinkId));
        Assert.Equal("C-SSRS Screener (Recent) incomplete (item 1, 2, 6 missing): treated as High, SI-3, until completed (CSSRS-VAL-01).", result.SuicideRiskTriggers[0].Reason);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenNumberForYesNoQuestion_WhenValidatingCssrs_ThenWrongAnswerType()
    {
        var answers = Cssrs(q2: false, q6: false);
        answers["1"] = 1;

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.CssrsRecent, answers)).Errors);

        Assert.Equal(ValidationProblem.WrongAnswerType, error.Problem);
        Assert.Equal("C-SSRS Screener (Recent) item 1 (Wished to be dead or to go to sleep and not wake up (past month)): expects Yes or No, not a number (CSSRS-VAL-01).", error.Message);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenQ6aOnSinceLastVisitForm_WhenValidating_ThenUnknownItem()
    {
        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(
            Score(InstrumentIds.CssrsSinceLastVisit, Cssrs(q1: false, q2: false, q6: true, q6a: false))).Errors);

        Assert.Equal((ValidationProblem.UnknownItem, "6a"), (error.Problem, error.ItemLinkId));
        Assert.Equal("C-SSRS Screener (Since Last Visit) has no item '6a' (CSSRS-VAL-01).", error.Message);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenRecentDefinition_ThenItemLoincsAreTheVerifiedOnes()
    {
        var definition = CssrsScreener.RecentDefinition;

        Assert.Equal(
            ["93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3", "93269-9"],
            definition.Items.Select(i => i.Code!.Code));
        Assert.All(definition.Items, i => Assert.Equal(CodeSystems.Loinc, i.Code!.System));
        Assert.Equal("93373-9", definition.PanelCode!.Code);
        Assert.Null(definition.TotalCode);
        Assert.Null(definition.TotalMin);
        Assert.Null(definition.TotalMax);
        Assert.Equal([null, null, "2", "2", "2", null, "6"], definition.Items.Select(i => i.EnabledWhenYesTo));
        Assert.Equal("Yes/No", definition.Items[0].AllowedRangeText);
    }

    [Theory]
    [Trait("Rule", "CSSRS-01")]
    [Trait("Rule", "CSSRS-02")]
    [Trait("Rule", "CSSRS-03")]
    [Trait("Rule", "CSSRS-04")]
    [InlineData(CssrsRiskLevel.None, SuicideRiskLevel.None, "negligible", "none")]
    [InlineData(CssrsRiskLevel.Low, SuicideRiskLevel.SI1, "low", "low")]
    [InlineData(CssrsRiskLevel.Moderate, SuicideRiskLevel.SI2, "moderate", "moderate")]
    [InlineData(CssrsRiskLevel.High, SuicideRiskLevel.SI3, "high", "high")]
    public void GivenRiskLevel_WhenMapping_ThenSiLevelAndCodesMatch(CssrsRiskLevel risk, SuicideRiskLevel si, string qualitative, string observation)
    {
        Assert.Equal(si, risk.ToSuicideRiskLevel());
        Assert.Equal(qualitative, risk.QualitativeRisk().Code);
        Assert.Equal(observation, risk.ObservationValue().Code);
        Assert.Equal(CodeSystems.CssrsRiskLevel, risk.ObservationValue().System);
    }

    [Theory]
    [Trait("Rule", "CSSRS-VER-01")]
    [InlineData(true, 5, CssrsScreenerVersion.Recent)]
    [InlineData(false, 0, CssrsScreenerVersion.SinceLastVisit)]
    [InlineData(false, 7, CssrsScreenerVersion.SinceLastVisit)]
    [InlineData(false, 30, CssrsScreenerVersion.SinceLastVisit)]
    [InlineData(false, 31, CssrsScreenerVersion.Recent)]
    public void GivenDaysSinceLastCssrs_WhenChoosingVersion_ThenRecentOnlyAtIntakeOrAfter30Days(bool intake, int daysAgo, CssrsScreenerVersion expected)
    {
        var today = new DateOnly(2026, 3, 2);

        var choice = CssrsScreener.ChooseVersion(intake, today.AddDays(-daysAgo), today, ClinicProtocol.Default);

        Assert.Equal(expected, choice.Version);
        Assert.Equal(CssrsScreener.DefinitionFor(expected).Id, choice.InstrumentId);
        Assert.Equal("CSSRS-VER-01", choice.Rule.Value);
        Assert.Equal(ClinicProtocol.Default.Version, choice.ProtocolVersion);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenVersionChoices_ThenReasonsStateTheNumbers()
    {
        var today = new DateOnly(2026, 3, 2);

        Assert.Equal("Intake visit: Recent screener (CSSRS-VER-01).", CssrsScreener.ChooseVersion(true, null, today, ClinicProtocol.Default).Reason);
        Assert.Equal("No earlier C-SSRS on record: Recent screener (CSSRS-VER-01).", CssrsScreener.ChooseVersion(false, null, today, ClinicProtocol.Default).Reason);
        Assert.Equal("Last C-SSRS 31 days ago (> 30): Recent screener (CSSRS-VER-01).", CssrsScreener.ChooseVersion(false, today.AddDays(-31), today, ClinicProtocol.Default).Reason);
        Assert.Equal("Last C-SSRS 30 days ago (≤ 30): Since-Last-Visit screener (CSSRS-VER-01).", CssrsScreener.ChooseVersion(false, today.AddDays(-30), today, ClinicProtocol.Default).Reason);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenProtocolWith14Days_WhenLastCssrs15DaysAgo_ThenRecent()
    {
        var protocol = new ClinicProtocol { Instruments = InstrumentsProtocol.Default with { CssrsRecentScreenerAfterDays = 14 } };
        var today = new DateOnly(2026, 3, 2);

        Assert.Equal(CssrsScreenerVersion.Recent, CssrsScreener.ChooseVersion(false, today.AddDays(-15), today, protocol).Version);
        Assert.Equal(CssrsScreenerVersion.SinceLastVisit, CssrsScreener.ChooseVersion(false, today.AddDays(-14), today, protocol).Version);
    }

    [Fact]
    [Trait("Rule", "CSSRS-VER-01")]
    public void GivenLastCssrsDatedTomorrow_WhenChoosingVersion_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CssrsScreener.ChooseVersion(false, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2), ClinicProtocol.Default));

        Assert.StartsWith("The last C-SSRS cannot be dated after today.", ex.Message, StringComparison.Ordinal);
    }
}
