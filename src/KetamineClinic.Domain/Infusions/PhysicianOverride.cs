using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// A physician's override of a HARD STOP (clinical-spec §0): the rule, who, and the free-text reason. It clears
/// every HARD STOP finding of that rule in one evaluation and is carried on the result, so the caller writes the
/// <c>DetectedIssue</c> (mitigation: reason, who, when) and the <c>AuditEvent</c>, stamping the time it records.
/// An override never clears a BLOCK.
/// </summary>
public sealed record PhysicianOverride
{
    /// <summary>Creates an override; physician and reason must not be blank.</summary>
    public PhysicianOverride(RuleId rule, string physician, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.Value, nameof(rule));
        ArgumentException.ThrowIfNullOrWhiteSpace(physician);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Rule = rule;
        Physician = physician;
        Reason = reason;
    }

    /// <summary>The HARD STOP rule overridden.</summary>
    public RuleId Rule { get; }

    /// <summary>The overriding physician (user id or name).</summary>
    public string Physician { get; }

    /// <summary>The physician's free-text reason.</summary>
    public string Reason { get; }
}

/// <summary>Applies physician overrides to HARD STOP findings (shared by the dosing and scheduling gates).</summary>
public static class Overrides
{
    /// <summary>The overrides that match at least one HARD STOP among <paramref name="findings"/>.</summary>
    public static IReadOnlyList<PhysicianOverride> Applied(IEnumerable<RuleFinding> findings, IEnumerable<PhysicianOverride>? overrides)
    {
        var hardStops = findings.Where(f => f.Level == Enforcement.HardStop).Select(f => f.Rule).ToHashSet();
        return [.. (overrides ?? []).Where(o => hardStops.Contains(o.Rule)).DistinctBy(o => o.Rule)];
    }

    /// <summary>The findings that still hold the action back: every BLOCK, and every HARD STOP without an applied override.</summary>
    public static IReadOnlyList<RuleFinding> Outstanding(IEnumerable<RuleFinding> findings, IReadOnlyList<PhysicianOverride> applied)
    {
        var cleared = applied.Select(o => o.Rule).ToHashSet();
        return [.. findings.Where(f => f.Level == Enforcement.Block || (f.Level == Enforcement.HardStop && !cleared.Contains(f.Rule)))];
    }
}
