using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Safety;

/// <summary>
/// SI-ESC-01 (clinical-spec §8.1): an encounter's suicide-risk level is the highest level among its triggers,
/// and that level's required actions apply. A completed SI-2/SI-3 clinician assessment also completes an SI-1
/// clinician review (<see cref="RequiredAction.IsSatisfiedBy"/>).
/// </summary>
public sealed record SuicideRiskEscalation
{
    private SuicideRiskEscalation(
        SuicideRiskLevel level,
        IReadOnlyList<SuicideRiskTrigger> triggers,
        IReadOnlyList<RequiredAction> requiredActions,
        ProtocolVersion protocolVersion)
    {
        Level = level;
        Triggers = triggers;
        RequiredActions = requiredActions;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>The rule this decision applies: SI-ESC-01.</summary>
    public RuleId Rule => SafetyRuleIds.Escalation;

    /// <summary>The encounter's level: the highest among the triggers (None when there is none).</summary>
    public SuicideRiskLevel Level { get; }

    /// <summary>Every trigger of the encounter, highest level first (stable within a level).</summary>
    public IReadOnlyList<SuicideRiskTrigger> Triggers { get; }

    /// <summary>The triggers at <see cref="Level"/>: the ones that decided it.</summary>
    public IReadOnlyList<SuicideRiskTrigger> DecidingTriggers => [.. Triggers.Where(t => t.Level == Level)];

    /// <summary>The actions <see cref="Level"/> requires; empty for None.</summary>
    public IReadOnlyList<RequiredAction> RequiredActions { get; }

    /// <summary>Protocol version whose [C] values (e.g. the follow-up window) were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>Combines an encounter's triggers (SI-ESC-01).</summary>
    public static SuicideRiskEscalation Evaluate(IEnumerable<SuicideRiskTrigger> triggers, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(protocol);
        var ordered = triggers.OrderByDescending(t => t.Level).ToArray();
        var level = ordered.Length == 0 ? SuicideRiskLevel.None : ordered[0].Level;
        var mandatoryCssrs = ordered.Any(t => t.RequiresSameSessionCssrs);
        return new SuicideRiskEscalation(level, ordered, ActionsFor(level, protocol, mandatoryCssrs), protocol.Version);
    }

    /// <summary>
    /// The actions a level requires (clinical-spec §8.1, §8.2). Higher levels keep the protections of lower ones
    /// that still apply (safety plan, lethal-means counselling, follow-up); the SI-1 review is replaced by the
    /// SI-2 assessment and that by the SI-3 immediate evaluation.
    /// </summary>
    /// <param name="level">The SI level.</param>
    /// <param name="protocol">Supplies the follow-up window.</param>
    /// <param name="mandatoryCssrs">True when a trigger demands a same-session C-SSRS (QIDS-SAFETY-01).</param>
    public static IReadOnlyList<RequiredAction> ActionsFor(SuicideRiskLevel level, ClinicProtocol protocol, bool mandatoryCssrs = false)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var hours = protocol.Instruments.FollowUpWithinHours;
        var cssrs = new RequiredAction(
            SafetyActionKind.CssrsScreener,
            ActionDeadline.BeforeInfusion,
            mandatoryCssrs
                ? "C-SSRS screener in this session (mandatory, QIDS-SAFETY-01)."
                : "C-SSRS screener in this session if not yet done.");
        var show988 = new RequiredAction(SafetyActionKind.Show988, ActionDeadline.Immediately, "Show the 988 Suicide & Crisis Lifeline information.");
        var lethalMeans = new RequiredAction(SafetyActionKind.LethalMeansCounselling, ActionDeadline.BeforeDischarge, "Document lethal-means counselling.");
        var followUp = new RequiredAction(
            SafetyActionKind.FollowUpWithin72h,
            ActionDeadline.BeforeDischarge,
            $"Schedule a follow-up contact within {hours} h.",
            WithinHours: hours);
        var highPriorityFlag = new RequiredAction(SafetyActionKind.FlagSuicideRisk, ActionDeadline.Immediately, "Set a high-priority suicide-risk Flag.", HighPriority: true);
        var medicalDirector = new RequiredAction(SafetyActionKind.MedicalDirectorTask, ActionDeadline.Immediately, "Create a Task for the medical director.");
        var notLeftAlone = new RequiredAction(SafetyActionKind.NotLeftAlone, ActionDeadline.WhileOnSite, "Do not leave the patient alone or let them leave unescorted.");

        return level switch
        {
            SuicideRiskLevel.None => [],
            SuicideRiskLevel.SI1 =>
            [
                new(SafetyActionKind.ClinicianReviewBeforeInfusion, ActionDeadline.BeforeInfusion, "Same-session clinician review before the infusion."),
                cssrs,
                new(SafetyActionKind.SafetyPlan, ActionDeadline.BeforeDischarge, "Create or update the safety plan."),
                show988,
            ],
            SuicideRiskLevel.SI2 =>
            [
                new(SafetyActionKind.ClinicianAssessment, ActionDeadline.BeforeInfusionOrDischarge, "Clinician (prescriber or licensed BH clinician) assessment before the infusion or discharge."),
                cssrs,
                new(SafetyActionKind.SafetyPlan, ActionDeadline.BeforeDischarge, "Complete or review the Stanley–Brown safety plan."),
                lethalMeans,
                followUp,
                new(SafetyActionKind.FlagSuicideRisk, ActionDeadline.Immediately, "Set an active suicide-risk Flag."),
                show988,
            ],
            SuicideRiskLevel.SI3 =>
            [
                new(SafetyActionKind.ImmediateEvaluation, ActionDeadline.Immediately, "Immediate clinician evaluation."),
                notLeftAlone,
                new(SafetyActionKind.ConsiderHigherLevelOfCare, ActionDeadline.Immediately, "Consider emergency evaluation or a higher level of care; call 911 if danger is imminent."),
                new(SafetyActionKind.InfusionOnlyOnPhysicianDecision, ActionDeadline.BeforeInfusion, "Infuse only on a physician's decision."),
                highPriorityFlag,
                medicalDirector,
                cssrs,
                new(SafetyActionKind.SafetyPlan, ActionDeadline.BeforeDischarge, "Re-review the Stanley–Brown safety plan."),
                lethalMeans,
                followUp,
                show988,
            ],
            SuicideRiskLevel.SI4 =>
            [
                new(SafetyActionKind.EmergencyServices, ActionDeadline.Immediately, "Call 911 / emergency services."),
                notLeftAlone,
                new(SafetyActionKind.DocumentHandOff, ActionDeadline.BeforeDischarge, "Document the hand-off to emergency services."),
                highPriorityFlag,
                medicalDirector,
            ],
        };
    }

    /// <summary>The required actions not yet satisfied by <paramref name="completed"/>.</summary>
    public IReadOnlyList<RequiredAction> Outstanding(IReadOnlyCollection<SafetyActionKind> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        return [.. RequiredActions.Where(a => !a.IsSatisfiedBy(completed))];
    }

    /// <summary>True when every required action is satisfied (what DC-05 checks before discharge).</summary>
    public bool AreRequiredActionsComplete(IReadOnlyCollection<SafetyActionKind> completed) => Outstanding(completed).Count == 0;
}
