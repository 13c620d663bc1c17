using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Safety;

public sealed class SuicideRiskEscalationTests
{
    private static SuicideRiskTrigger Trigger(string rule, SuicideRiskLevel level, bool cssrs = false) =>
        new(new RuleId(rule), level, "test", "1", 1, "synthetic trigger", cssrs);

    private static SafetyActionKind[] Kinds(SuicideRiskLevel level, ClinicProtocol? protocol = null) =>
        [.. SuicideRiskEscalation.ActionsFor(level, protocol ?? ClinicProtocol.Default).Select(a => a.Kind)];

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenPhq9Si1AndCssrsHigh_WhenEscalating_ThenHighestLevelSi3WinsWithItsActions()
    {
        var phq9 = Score(InstrumentIds.Phq9, Numbered(1, 1, 1, 1, 1, 1, 1, 1, 3));
        var cssrs = Score(InstrumentIds.CssrsRecent, Cssrs(q1: true, q2: true, q3: true, q4: true, q5: true, q6: false));

        var escalation = SuicideRiskEscalation.Evaluate([.. phq9.SuicideRiskTriggers, .. cssrs.SuicideRiskTriggers], ClinicProtocol.Default);

        Assert.Equal(SuicideRiskLevel.SI3, escalation.Level);
        Assert.Equal("SI-ESC-01", escalation.Rule.Value);
        Assert.Equal(["CSSRS-01", "PHQ9-SAFETY-01"], escalation.Triggers.Select(t => t.Rule.Value));
        Assert.Equal("CSSRS-01", Assert.Single(escalation.DecidingTriggers).Rule.Value);
        Assert.Equal(Kinds(SuicideRiskLevel.SI3), escalation.RequiredActions.Select(a => a.Kind));
        Assert.Equal(ClinicProtocol.Default.Version, escalation.ProtocolVersion);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenNoTriggers_WhenEscalating_ThenNoneAndNothingRequired()
    {
        var escalation = SuicideRiskEscalation.Evaluate([], ClinicProtocol.Default);

        Assert.Equal(SuicideRiskLevel.None, escalation.Level);
        Assert.Empty(escalation.RequiredActions);
        Assert.Empty(escalation.DecidingTriggers);
        Assert.True(escalation.AreRequiredActionsComplete([]));
    }

    [Theory]
    [Trait("Rule", "SI-ESC-01")]
    [InlineData(SuicideRiskLevel.SI1, SuicideRiskLevel.SI1, SuicideRiskLevel.SI1)]
    [InlineData(SuicideRiskLevel.SI1, SuicideRiskLevel.SI2, SuicideRiskLevel.SI2)]
    [InlineData(SuicideRiskLevel.SI3, SuicideRiskLevel.SI2, SuicideRiskLevel.SI3)]
    [InlineData(SuicideRiskLevel.SI4, SuicideRiskLevel.SI3, SuicideRiskLevel.SI4)]
    public void GivenTwoTriggers_WhenEscalating_ThenTheHigherLevelWins(SuicideRiskLevel a, SuicideRiskLevel b, SuicideRiskLevel expected)
    {
        var escalation = SuicideRiskEscalation.Evaluate([Trigger("A", a), Trigger("B", b)], ClinicProtocol.Default);

        Assert.Equal(expected, escalation.Level);
        Assert.Equal(a == b ? 2 : 1, escalation.DecidingTriggers.Count);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    public void GivenSi1_ThenReviewBeforeInfusionCssrsSafetyPlanAnd988()
    {
        var actions = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI1, ClinicProtocol.Default);

        Assert.Equal(
            [SafetyActionKind.ClinicianReviewBeforeInfusion, SafetyActionKind.CssrsScreener, SafetyActionKind.SafetyPlan, SafetyActionKind.Show988],
            actions.Select(a => a.Kind));
        Assert.Equal(
            [ActionDeadline.BeforeInfusion, ActionDeadline.BeforeInfusion, ActionDeadline.BeforeDischarge, ActionDeadline.Immediately],
            actions.Select(a => a.Deadline));
        Assert.Equal("C-SSRS screener in this session if not yet done.", actions[1].Description);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenSi2_ThenAssessmentSafetyPlanLethalMeansFollowUpWithin72hAndFlag()
    {
        var actions = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI2, ClinicProtocol.Default);

        Assert.Equal(
            [
                SafetyActionKind.ClinicianAssessment, SafetyActionKind.CssrsScreener, SafetyActionKind.SafetyPlan,
                SafetyActionKind.LethalMeansCounselling, SafetyActionKind.FollowUpWithin72h, SafetyActionKind.FlagSuicideRisk, SafetyActionKind.Show988,
            ],
            actions.Select(a => a.Kind));
        var followUp = actions.Single(a => a.Kind == SafetyActionKind.FollowUpWithin72h);
        Assert.Equal(72, followUp.WithinHours);
        Assert.Equal("Schedule a follow-up contact within 72 h.", followUp.Description);
        Assert.Equal(ActionDeadline.BeforeInfusionOrDischarge, actions[0].Deadline);
        Assert.False(actions.Single(a => a.Kind == SafetyActionKind.FlagSuicideRisk).HighPriority);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenSi3_ThenImmediateEvaluationNotLeftAloneHighPriorityFlagAndMedicalDirectorTask()
    {
        var actions = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI3, ClinicProtocol.Default);

        Assert.Equal(
            [
                SafetyActionKind.ImmediateEvaluation, SafetyActionKind.NotLeftAlone, SafetyActionKind.ConsiderHigherLevelOfCare,
                SafetyActionKind.InfusionOnlyOnPhysicianDecision, SafetyActionKind.FlagSuicideRisk, SafetyActionKind.MedicalDirectorTask,
                SafetyActionKind.CssrsScreener, SafetyActionKind.SafetyPlan, SafetyActionKind.LethalMeansCounselling,
                SafetyActionKind.FollowUpWithin72h, SafetyActionKind.Show988,
            ],
            actions.Select(a => a.Kind));
        Assert.True(actions.Single(a => a.Kind == SafetyActionKind.FlagSuicideRisk).HighPriority);
        Assert.Equal(ActionDeadline.WhileOnSite, actions[1].Deadline);
        Assert.Equal(ActionDeadline.Immediately, actions[0].Deadline);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenImminentDanger_ThenSi4EmergencyServicesAndHandOff()
    {
        var trigger = SuicideRiskTrigger.ImminentDanger("Patient states a plan for tonight and has the means.");

        var escalation = SuicideRiskEscalation.Evaluate([trigger], ClinicProtocol.Default);

        Assert.Equal(SuicideRiskLevel.SI4, escalation.Level);
        Assert.Equal("SI-ESC-01", trigger.Rule.Value);
        Assert.Null(trigger.InstrumentId);
        Assert.Equal(
            [SafetyActionKind.EmergencyServices, SafetyActionKind.NotLeftAlone, SafetyActionKind.DocumentHandOff, SafetyActionKind.FlagSuicideRisk, SafetyActionKind.MedicalDirectorTask],
            escalation.RequiredActions.Select(a => a.Kind));
    }

    [Fact]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public void GivenQidsItem12Of3_WhenEscalating_ThenSi2WithMandatoryCssrs()
    {
        var qids = Score(InstrumentIds.QidsSr16, Numbered(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0));

        var escalation = SuicideRiskEscalation.Evaluate(qids.SuicideRiskTriggers, ClinicProtocol.Default);

        Assert.Equal(SuicideRiskLevel.SI2, escalation.Level);
        var cssrs = escalation.RequiredActions.Single(a => a.Kind == SafetyActionKind.CssrsScreener);
        Assert.Equal("C-SSRS screener in this session (mandatory, QIDS-SAFETY-01).", cssrs.Description);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenProtocolFollowUpOf48h_WhenEscalatingSi2_ThenWindowIs48h()
    {
        var protocol = new ClinicProtocol { Instruments = InstrumentsProtocol.Default with { FollowUpWithinHours = 48 } };

        var followUp = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI2, protocol).Single(a => a.Kind == SafetyActionKind.FollowUpWithin72h);

        Assert.Equal(48, followUp.WithinHours);
        var raised = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(raised.AddHours(48), followUp.DueBy(raised));
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenDefaultProtocol_WhenComputingFollowUpDue_Then72hAfterTheTrigger()
    {
        var followUp = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI2, ClinicProtocol.Default).Single(a => a.Kind == SafetyActionKind.FollowUpWithin72h);
        var raised = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero), followUp.DueBy(raised));
    }

    [Fact]
    public void GivenActionWithoutWindow_WhenComputingDue_ThenRejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI1, ClinicProtocol.Default)[0].DueBy(DateTimeOffset.UnixEpoch));

        Assert.Equal("ClinicianReviewBeforeInfusion has no time window.", ex.Message);
    }

    [Fact]
    [Trait("Rule", "QIDS-SAFETY-01")]
    public void GivenOnlyOneOfSeveralTriggersDemandsCssrs_WhenEscalating_ThenCssrsIsStillMandatory()
    {
        var escalation = SuicideRiskEscalation.Evaluate(
            [Trigger("MADRS-SAFETY-01", SuicideRiskLevel.SI2), Trigger("QIDS-SAFETY-01", SuicideRiskLevel.SI2, cssrs: true)],
            ClinicProtocol.Default);

        Assert.Equal(
            "C-SSRS screener in this session (mandatory, QIDS-SAFETY-01).",
            escalation.RequiredActions.Single(a => a.Kind == SafetyActionKind.CssrsScreener).Description);
    }

    [Fact]
    public void GivenNullArguments_WhenEscalating_ThenRejected()
    {
        Assert.Equal("triggers", Assert.Throws<ArgumentNullException>(() => SuicideRiskEscalation.Evaluate(null!, ClinicProtocol.Default)).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => SuicideRiskEscalation.Evaluate([], null!)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI1, null!));
        var escalation = SuicideRiskEscalation.Evaluate([], ClinicProtocol.Default);
        Assert.Throws<ArgumentNullException>(() => escalation.Outstanding(null!));
        Assert.Equal("completed", Assert.Throws<ArgumentNullException>(() => new RequiredAction(SafetyActionKind.Show988, ActionDeadline.Immediately, "x").IsSatisfiedBy(null!)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenNonPositiveWindow_WhenCreatingAction_ThenRejected(int hours) =>
        Assert.StartsWith(
            "A time window is at least 1 hour.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RequiredAction(SafetyActionKind.FollowUpWithin72h, ActionDeadline.BeforeDischarge, "x", hours)).Message,
            StringComparison.Ordinal);

    [Fact]
    public void GivenBlankDescription_WhenCreatingAction_ThenRejected() =>
        Assert.ThrowsAny<ArgumentException>(() => new RequiredAction(SafetyActionKind.Show988, ActionDeadline.Immediately, " "));

    [Theory]
    [InlineData(SuicideRiskLevel.SI1)]
    [InlineData(SuicideRiskLevel.SI2)]
    [InlineData(SuicideRiskLevel.SI3)]
    [InlineData(SuicideRiskLevel.SI4)]
    public void GivenLevel_ThenEveryActionHasAnInstructionAndOnlyTheFollowUpHasAWindow(SuicideRiskLevel level)
    {
        var actions = SuicideRiskEscalation.ActionsFor(level, ClinicProtocol.Default);

        Assert.All(actions, a => Assert.False(string.IsNullOrWhiteSpace(a.Description)));
        Assert.All(actions, a => Assert.Equal(a.Kind == SafetyActionKind.FollowUpWithin72h, a.WithinHours is not null));
        Assert.Equal(actions.Count, actions.Select(a => a.Kind).Distinct().Count());
    }

    [Theory]
    [Trait("Rule", "SI-ESC-01")]
    [InlineData(SafetyActionKind.ClinicianReviewBeforeInfusion, true)]
    [InlineData(SafetyActionKind.ClinicianAssessment, true)]
    [InlineData(SafetyActionKind.ImmediateEvaluation, true)]
    [InlineData(SafetyActionKind.CssrsScreener, false)]
    [InlineData(SafetyActionKind.SafetyPlan, false)]
    public void GivenCompletedAction_WhenCheckingSi1Review_ThenSi2OrSi3AssessmentAlsoCompletesIt(SafetyActionKind completed, bool satisfied)
    {
        var review = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI1, ClinicProtocol.Default)[0];

        Assert.Equal(SafetyActionKind.ClinicianReviewBeforeInfusion, review.Kind);
        Assert.Equal(satisfied, review.IsSatisfiedBy([completed]));
    }

    [Theory]
    [Trait("Rule", "SI-ESC-01")]
    [InlineData(SafetyActionKind.ClinicianAssessment, true)]
    [InlineData(SafetyActionKind.ImmediateEvaluation, true)]
    [InlineData(SafetyActionKind.ClinicianReviewBeforeInfusion, false)]
    public void GivenCompletedAction_WhenCheckingSi2Assessment_ThenOnlyAnAssessmentOrEvaluationCompletesIt(SafetyActionKind completed, bool satisfied)
    {
        var assessment = SuicideRiskEscalation.ActionsFor(SuicideRiskLevel.SI2, ClinicProtocol.Default)[0];

        Assert.Equal(satisfied, assessment.IsSatisfiedBy([completed]));
    }

    [Theory]
    [InlineData(SafetyActionKind.CssrsScreener)]
    [InlineData(SafetyActionKind.SafetyPlan)]
    [InlineData(SafetyActionKind.Show988)]
    [InlineData(SafetyActionKind.LethalMeansCounselling)]
    [InlineData(SafetyActionKind.FollowUpWithin72h)]
    [InlineData(SafetyActionKind.FlagSuicideRisk)]
    [InlineData(SafetyActionKind.ImmediateEvaluation)]
    [InlineData(SafetyActionKind.NotLeftAlone)]
    [InlineData(SafetyActionKind.ConsiderHigherLevelOfCare)]
    [InlineData(SafetyActionKind.InfusionOnlyOnPhysicianDecision)]
    [InlineData(SafetyActionKind.MedicalDirectorTask)]
    [InlineData(SafetyActionKind.EmergencyServices)]
    [InlineData(SafetyActionKind.DocumentHandOff)]
    public void GivenOtherAction_WhenChecking_ThenOnlyItselfCompletesIt(SafetyActionKind kind)
    {
        var action = new RequiredAction(kind, ActionDeadline.Immediately, "x");

        Assert.True(action.IsSatisfiedBy([kind]));
        Assert.False(action.IsSatisfiedBy([SafetyActionKind.ClinicianAssessment]));
        Assert.False(action.IsSatisfiedBy([]));
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenSi2WithSomeActionsDone_WhenCheckingOutstanding_ThenOnlyTheRestRemain()
    {
        var escalation = SuicideRiskEscalation.Evaluate([Trigger("CSSRS-02", SuicideRiskLevel.SI2)], ClinicProtocol.Default);

        var outstanding = escalation.Outstanding([SafetyActionKind.ClinicianAssessment, SafetyActionKind.SafetyPlan, SafetyActionKind.Show988, SafetyActionKind.CssrsScreener]);

        Assert.Equal([SafetyActionKind.LethalMeansCounselling, SafetyActionKind.FollowUpWithin72h, SafetyActionKind.FlagSuicideRisk], outstanding.Select(a => a.Kind));
        Assert.False(escalation.AreRequiredActionsComplete([SafetyActionKind.ClinicianAssessment]));
        Assert.True(escalation.AreRequiredActionsComplete([.. Kinds(SuicideRiskLevel.SI2)]));
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenEscalationFromSi1ToSi3_WhenSi3EvaluationDone_ThenEarlierSi1ReviewIsComplete()
    {
        var si1 = SuicideRiskEscalation.Evaluate([Trigger("PHQ9-SAFETY-01", SuicideRiskLevel.SI1)], ClinicProtocol.Default);

        var outstanding = si1.Outstanding([SafetyActionKind.ImmediateEvaluation, SafetyActionKind.CssrsScreener, SafetyActionKind.SafetyPlan, SafetyActionKind.Show988]);

        Assert.Empty(outstanding);
    }

    [Theory]
    [InlineData(SuicideRiskLevel.None)]
    [InlineData((SuicideRiskLevel)9)]
    public void GivenTriggerWithoutARealLevel_WhenCreating_ThenRejected(SuicideRiskLevel level)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SuicideRiskTrigger(new RuleId("X"), level, null, null, null, "reason"));

        Assert.StartsWith("A suicide-risk trigger has a level from SI-1 to SI-4.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenImminentDanger_ThenTriggerCarriesTheReasonAndNoItem()
    {
        var trigger = SuicideRiskTrigger.ImminentDanger("States intent now.");

        Assert.Equal(("States intent now.", SuicideRiskLevel.SI4), (trigger.Reason, trigger.Level));
        Assert.Null(trigger.ItemLinkId);
        Assert.Null(trigger.ItemValue);
        Assert.False(trigger.RequiresSameSessionCssrs);
        Assert.Equal("SI-ESC-01", SafetyRuleIds.Escalation.Value);
    }

    [Fact]
    public void GivenTriggerWithoutReason_WhenCreating_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new SuicideRiskTrigger(new RuleId("X"), SuicideRiskLevel.SI1, null, null, null, " "));

    [Theory]
    [InlineData(SuicideRiskLevel.None, "none")]
    [InlineData(SuicideRiskLevel.SI1, "SI-1")]
    [InlineData(SuicideRiskLevel.SI2, "SI-2")]
    [InlineData(SuicideRiskLevel.SI3, "SI-3")]
    [InlineData(SuicideRiskLevel.SI4, "SI-4")]
    public void GivenLevel_WhenLabelling_ThenSpecSpelling(SuicideRiskLevel level, string label) =>
        Assert.Equal(label, SuicideRiskLevels.Label(level));
}
