using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>A physician's acknowledgement of a WARN (clinical-spec §0): who, and any note the rule requires.</summary>
public sealed record PhysicianAcknowledgement
{
    /// <summary>Creates an acknowledgement; the physician must not be blank.</summary>
    public PhysicianAcknowledgement(RuleId rule, string physician, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.Value, nameof(rule));
        ArgumentException.ThrowIfNullOrWhiteSpace(physician);
        Rule = rule;
        Physician = physician;
        Note = note;
    }

    /// <summary>The WARN rule acknowledged.</summary>
    public RuleId Rule { get; }

    /// <summary>The acknowledging physician (user id or name).</summary>
    public string Physician { get; }

    /// <summary>Optional note.</summary>
    public string? Note { get; }
}

/// <summary>
/// Whether a scheduling action (book or start an infusion, continue a maintenance course) may proceed.
/// A closed hierarchy. <see cref="Findings"/> lists every finding raised, including overridden and acknowledged ones.
/// </summary>
public abstract record SchedulingDecision
{
    private SchedulingDecision(
        IReadOnlyList<RuleFinding> findings,
        IReadOnlyList<PhysicianOverride> appliedOverrides,
        IReadOnlyList<PhysicianAcknowledgement> appliedAcknowledgements,
        ProtocolVersion protocolVersion)
    {
        Findings = findings;
        AppliedOverrides = appliedOverrides;
        AppliedAcknowledgements = appliedAcknowledgements;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>Every finding raised.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>Overrides that cleared a HARD STOP (write a DetectedIssue and an AuditEvent for each).</summary>
    public IReadOnlyList<PhysicianOverride> AppliedOverrides { get; }

    /// <summary>Acknowledgements that cleared a WARN (store who and when).</summary>
    public IReadOnlyList<PhysicianAcknowledgement> AppliedAcknowledgements { get; }

    /// <summary>Version of the protocol whose numbers were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>Nothing outstanding: the action may proceed.</summary>
    public sealed record Proceed : SchedulingDecision
    {
        internal Proceed(IReadOnlyList<RuleFinding> f, IReadOnlyList<PhysicianOverride> o, IReadOnlyList<PhysicianAcknowledgement> a, ProtocolVersion v)
            : base(f, o, a, v)
        {
        }
    }

    /// <summary>No BLOCK or HARD STOP outstanding, but WARNs wait for a physician's acknowledgement.</summary>
    public sealed record NeedsAcknowledgement : SchedulingDecision
    {
        internal NeedsAcknowledgement(IReadOnlyList<RuleFinding> unacknowledged, IReadOnlyList<RuleFinding> f, IReadOnlyList<PhysicianOverride> o, IReadOnlyList<PhysicianAcknowledgement> a, ProtocolVersion v)
            : base(f, o, a, v) => Unacknowledged = unacknowledged;

        /// <summary>The WARNs still to acknowledge (never empty).</summary>
        public IReadOnlyList<RuleFinding> Unacknowledged { get; }
    }

    /// <summary>A BLOCK or an un-overridden HARD STOP: the action may not proceed.</summary>
    public sealed record Held : SchedulingDecision
    {
        internal Held(IReadOnlyList<RuleFinding> outstanding, IReadOnlyList<RuleFinding> f, IReadOnlyList<PhysicianOverride> o, IReadOnlyList<PhysicianAcknowledgement> a, ProtocolVersion v)
            : base(f, o, a, v) => Outstanding = outstanding;

        /// <summary>The BLOCKs and un-overridden HARD STOPs (never empty).</summary>
        public IReadOnlyList<RuleFinding> Outstanding { get; }
    }

    /// <summary>
    /// Combines findings with the physician's overrides (clear HARD STOPs of the same rule) and acknowledgements
    /// (clear WARNs of the same rule). BLOCKs are never cleared.
    /// </summary>
    public static SchedulingDecision Decide(
        IEnumerable<RuleFinding> findings,
        ClinicProtocol protocol,
        IEnumerable<PhysicianOverride>? overrides = null,
        IEnumerable<PhysicianAcknowledgement>? acknowledgements = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(protocol);
        IReadOnlyList<RuleFinding> all = [.. findings];
        var appliedOverrides = Overrides.Applied(all, overrides);
        var outstanding = Overrides.Outstanding(all, appliedOverrides);

        var warns = all.Where(f => f.Level == Enforcement.Warn).Select(f => f.Rule).ToHashSet();
        IReadOnlyList<PhysicianAcknowledgement> appliedAcks = [.. (acknowledgements ?? []).Where(a => warns.Contains(a.Rule)).DistinctBy(a => a.Rule)];
        var acknowledged = appliedAcks.Select(a => a.Rule).ToHashSet();
        IReadOnlyList<RuleFinding> unacknowledged = [.. all.Where(f => f.Level == Enforcement.Warn && !acknowledged.Contains(f.Rule))];

        if (outstanding.Count > 0)
        {
            return new Held(outstanding, all, appliedOverrides, appliedAcks, protocol.Version);
        }
        return unacknowledged.Count > 0
            ? new NeedsAcknowledgement(unacknowledged, all, appliedOverrides, appliedAcks, protocol.Version)
            : new Proceed(all, appliedOverrides, appliedAcks, protocol.Version);
    }
}
