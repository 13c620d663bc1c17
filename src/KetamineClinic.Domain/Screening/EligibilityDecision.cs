using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Screening;

/// <summary>
/// The eligibility verdict (clinical-spec §1, §2): a closed hierarchy. Every variant carries every reason as a
/// <see cref="RuleFinding"/>, the TRD result, both stages and the protocol version.
/// <list type="bullet">
/// <item><see cref="NotEligible"/>: at least one BLOCK (no override exists).</item>
/// <item><see cref="NeedsPhysicianReview"/>: no BLOCK, but at least one HARD STOP (override with reason by the named
/// role) or WARN (acknowledgement by the named role).</item>
/// <item><see cref="Eligible"/>: INFO findings only.</item>
/// </list>
/// </summary>
public abstract record EligibilityDecision
{
    private EligibilityDecision(EligibilityOutcomeDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Details = details;
    }

    /// <summary>Everything the evaluation produced.</summary>
    public EligibilityOutcomeDetails Details { get; }

    /// <summary>All findings, strictest first, then in rule order as evaluated.</summary>
    public IReadOnlyList<RuleFinding> Findings => Details.Findings;

    /// <summary>The protocol the decision was made under.</summary>
    public ProtocolVersion ProtocolVersion => Details.ProtocolVersion;

    /// <summary>The strictest level among the findings.</summary>
    public Enforcement Strictest => Findings.Strictest();

    /// <summary>INFO only: may be scheduled.</summary>
    public sealed record Eligible : EligibilityDecision
    {
        internal Eligible(EligibilityOutcomeDetails details)
            : base(details)
        {
        }
    }

    /// <summary>Held until every HARD STOP is overridden and every WARN acknowledged by its named role.</summary>
    public sealed record NeedsPhysicianReview : EligibilityDecision
    {
        internal NeedsPhysicianReview(EligibilityOutcomeDetails details)
            : base(details)
        {
        }

        /// <summary>HARD STOP findings: each needs an override with a free-text reason (creates a DetectedIssue).</summary>
        public IReadOnlyList<RuleFinding> OverridesRequired => Findings.Where(f => f.OverrideAllowed).ToList();

        /// <summary>WARN findings: each needs an acknowledgement by its named role.</summary>
        public IReadOnlyList<RuleFinding> AcknowledgementsRequired => Findings.Where(f => f.AcknowledgementAllowed).ToList();

        /// <summary>True when some finding can be cleared only by the medical director.</summary>
        public bool MedicalDirectorRequired => Findings.Any(f => f.Level >= Enforcement.Warn && f.Authority == ClinicalAuthority.MedicalDirector);
    }

    /// <summary>At least one BLOCK: cannot be scheduled; clears only when the underlying data change.</summary>
    public sealed record NotEligible : EligibilityDecision
    {
        internal NotEligible(EligibilityOutcomeDetails details)
            : base(details)
        {
        }

        /// <summary>The BLOCK findings.</summary>
        public IReadOnlyList<RuleFinding> Blocks => Findings.Where(f => f.Level == Enforcement.Block).ToList();
    }

    /// <summary>Chooses the variant from the strictest finding.</summary>
    internal static EligibilityDecision From(EligibilityOutcomeDetails details) => details.Findings.Strictest() switch
    {
        Enforcement.Block => new NotEligible(details),
        Enforcement.HardStop => new NeedsPhysicianReview(details),
        Enforcement.Warn => new NeedsPhysicianReview(details),
        Enforcement.Info => new Eligible(details),
    };
}

/// <summary>Everything an eligibility evaluation produced, shared by every verdict.</summary>
/// <param name="Findings">Every finding, strictest first.</param>
/// <param name="Trd">ELIG-TRD-01..04 result.</param>
/// <param name="ThaseRush">Thase–Rush stage (STAGE-TR-01/02).</param>
/// <param name="Maudsley">MSM score, or null when its inputs were not given or no antidepressant failed.</param>
/// <param name="Interactions">§2.4 result (observation extension, BP monitoring, diazepam-equivalent).</param>
/// <param name="AgeYears">Age in completed years on <paramref name="EvaluatedOn"/>.</param>
/// <param name="EvaluatedOn">Date the evaluation applies to.</param>
/// <param name="ProtocolVersion">Protocol used.</param>
public sealed record EligibilityOutcomeDetails(
    IReadOnlyList<RuleFinding> Findings,
    TrdAssessment Trd,
    ThaseRushResult ThaseRush,
    MaudsleyResult? Maudsley,
    InteractionAssessment Interactions,
    int AgeYears,
    DateOnly EvaluatedOn,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>Minutes DDI-CNS-01 adds to the minimum observation time (DC-01 input); 0 when it did not fire.</summary>
    public int ExtendsObservationMinutes => Interactions.ExtendsObservationMinutes;

    /// <summary>True when DDI-MAOI-01 or DDI-STIM-01 asks for the enhanced BP monitoring profile.</summary>
    public bool EnhancedBloodPressureMonitoring => Interactions.EnhancedBloodPressureMonitoring;
}

/// <summary>Extension so a list of findings reads like the shared helper.</summary>
internal static class FindingListExtensions
{
    public static Enforcement Strictest(this IEnumerable<RuleFinding> findings) => Findings.Strictest(findings);
}
