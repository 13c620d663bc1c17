using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// The outcome of a dosing calculation: prepare the plan, or do not prepare. A closed hierarchy.
/// <see cref="Findings"/> lists every finding raised, including HARD STOPs a physician overrode (write a
/// <c>DetectedIssue</c> for each of <see cref="AppliedOverrides"/>) and INFO findings for the audit log.
/// </summary>
public abstract record DosingDecision
{
    private DosingDecision(IReadOnlyList<RuleFinding> findings, IReadOnlyList<PhysicianOverride> appliedOverrides, ProtocolVersion protocolVersion)
    {
        Findings = findings;
        AppliedOverrides = appliedOverrides;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>Every finding raised, in evaluation order.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>Overrides that cleared a HARD STOP in this evaluation (unused overrides are not carried).</summary>
    public IReadOnlyList<PhysicianOverride> AppliedOverrides { get; }

    /// <summary>Version of the protocol whose numbers were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>No BLOCK and no un-overridden HARD STOP: the plan may be prepared.</summary>
    public sealed record Prepare : DosingDecision
    {
        internal Prepare(DosePlan plan, IReadOnlyList<RuleFinding> findings, IReadOnlyList<PhysicianOverride> appliedOverrides, ProtocolVersion protocolVersion)
            : base(findings, appliedOverrides, protocolVersion) => Plan = plan;

        /// <summary>The plan to prepare.</summary>
        public DosePlan Plan { get; }
    }

    /// <summary>A BLOCK or an un-overridden HARD STOP: nothing may be prepared.</summary>
    public sealed record DoNotPrepare : DosingDecision
    {
        internal DoNotPrepare(IReadOnlyList<RuleFinding> outstanding, DosePlan? preview, IReadOnlyList<RuleFinding> findings, IReadOnlyList<PhysicianOverride> appliedOverrides, ProtocolVersion protocolVersion)
            : base(findings, appliedOverrides, protocolVersion)
        {
            Outstanding = outstanding;
            Preview = preview;
        }

        /// <summary>The BLOCKs and un-overridden HARD STOPs that hold the preparation back (never empty).</summary>
        public IReadOnlyList<RuleFinding> Outstanding { get; }

        /// <summary>
        /// The arithmetic, for the physician deciding on an override; null when it cannot be computed (no dosing
        /// weight, vial not on the formulary, nothing to draw). Not a plan to prepare.
        /// </summary>
        public DosePlan? Preview { get; }
    }
}
