namespace KetamineClinic.Domain.Rules;

/// <summary>
/// How a gate holds back an action (clinical-spec §0 "Enforcement levels").
/// </summary>
public enum Enforcement
{
    /// <summary>Shown and logged; needs no acknowledgement.</summary>
    Info,

    /// <summary>May proceed once the named role acknowledges; the acknowledgement is stored.</summary>
    Warn,

    /// <summary>Cannot proceed unless an authorised user overrides with a free-text reason (creates a DetectedIssue).</summary>
    HardStop,

    /// <summary>Cannot proceed; no override exists. Clears only when the underlying data change.</summary>
    Block,
}

/// <summary>Who may acknowledge a WARN or override a HARD STOP.</summary>
public enum ClinicalAuthority
{
    None,
    Physician,
    MedicalDirector,
    Nurse,
    Pharmacist,
}

/// <summary>A stable rule identifier from the clinical spec, e.g. <c>VS-BP-02</c>.</summary>
public readonly record struct RuleId
{
    public RuleId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;

    public static implicit operator RuleId(string value) => new(value);
}

/// <summary>
/// One reason a rule gives: which rule, at what enforcement level, why (plain words a clinician reads),
/// the spec's source ids (e.g. "S61"), and who may acknowledge or override it.
/// </summary>
/// <param name="Rule">Rule id from clinical-spec.md.</param>
/// <param name="Level">Enforcement level.</param>
/// <param name="Message">Human-readable reason, with the numbers that triggered it.</param>
/// <param name="Sources">Source ids from clinical-spec §13 (e.g. "S4"); "C" for clinic policy.</param>
/// <param name="Authority">Role that may acknowledge (Warn) or override (HardStop); None for Info and Block.</param>
public sealed record RuleFinding(
    RuleId Rule,
    Enforcement Level,
    string Message,
    IReadOnlyList<string> Sources,
    ClinicalAuthority Authority = ClinicalAuthority.None)
{
    /// <summary>True when the action may proceed after an override by <see cref="Authority"/>.</summary>
    public bool OverrideAllowed => Level == Enforcement.HardStop;

    /// <summary>True when the action may proceed after an acknowledgement by <see cref="Authority"/>.</summary>
    public bool AcknowledgementAllowed => Level == Enforcement.Warn;
}

/// <summary>Combines findings: the strictest level decides whether an action may proceed.</summary>
public static class Findings
{
    /// <summary>The strictest enforcement among the findings (Info when there are none).</summary>
    public static Enforcement Strictest(IEnumerable<RuleFinding> findings) =>
        findings.Select(f => f.Level).DefaultIfEmpty(Enforcement.Info).Max();
}
