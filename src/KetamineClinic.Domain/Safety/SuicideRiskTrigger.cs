using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Safety;

/// <summary>
/// One reason to start the suicide-risk workflow (clinical-spec §8.1): which rule fired, at which SI level, from
/// which instrument item and value. Instrument rules: PHQ9-SAFETY-01, QIDS-SAFETY-01, MADRS-SAFETY-01,
/// HAMD-SAFETY-01, CSSRS-01…03 and CSSRS-VAL-01 (incomplete screener treated as High).
/// </summary>
public sealed record SuicideRiskTrigger
{
    /// <summary>Creates a trigger; the level must be SI-1 or higher.</summary>
    /// <param name="rule">Rule that fired.</param>
    /// <param name="level">SI level (SI1..SI4).</param>
    /// <param name="instrumentId">Instrument id, or null for a clinician's observation.</param>
    /// <param name="itemLinkId">Item that fired, or null.</param>
    /// <param name="itemValue">That item's value (Yes = 1), or null.</param>
    /// <param name="reason">Plain-words reason with the numbers that fired.</param>
    /// <param name="requiresSameSessionCssrs">True when the rule demands a C-SSRS in the same session (QIDS-SAFETY-01).</param>
    public SuicideRiskTrigger(
        RuleId rule,
        SuicideRiskLevel level,
        string? instrumentId,
        string? itemLinkId,
        int? itemValue,
        string reason,
        bool requiresSameSessionCssrs = false)
    {
        if (level is SuicideRiskLevel.None || !Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A suicide-risk trigger has a level from SI-1 to SI-4.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Rule = rule;
        Level = level;
        InstrumentId = instrumentId;
        ItemLinkId = itemLinkId;
        ItemValue = itemValue;
        Reason = reason;
        RequiresSameSessionCssrs = requiresSameSessionCssrs;
    }

    /// <summary>Rule that fired.</summary>
    public RuleId Rule { get; }

    /// <summary>SI level.</summary>
    public SuicideRiskLevel Level { get; }

    /// <summary>Instrument id, or null for a clinician's observation.</summary>
    public string? InstrumentId { get; }

    /// <summary>Item that fired, or null.</summary>
    public string? ItemLinkId { get; }

    /// <summary>The item's value (Yes = 1), or null.</summary>
    public int? ItemValue { get; }

    /// <summary>Plain-words reason.</summary>
    public string Reason { get; }

    /// <summary>True when a same-session C-SSRS is mandatory (QIDS-SAFETY-01 item 12 = 3).</summary>
    public bool RequiresSameSessionCssrs { get; }

    /// <summary>
    /// SI-4 (clinical-spec §8.1): a clinician records imminent danger (the patient states intent or a plan now and has
    /// means). Cited under SI-ESC-01, the escalation table, because the spec gives this row no rule id of its own.
    /// </summary>
    public static SuicideRiskTrigger ImminentDanger(string reason) =>
        new(SafetyRuleIds.Escalation, SuicideRiskLevel.SI4, instrumentId: null, itemLinkId: null, itemValue: null, reason);
}

/// <summary>Rule ids of clinical-spec §8.</summary>
public static class SafetyRuleIds
{
    /// <summary>SI-ESC-01: the highest SI level of an encounter wins.</summary>
    public static RuleId Escalation => new("SI-ESC-01");
}

/// <summary>Display helpers for <see cref="SuicideRiskLevel"/>.</summary>
public static class SuicideRiskLevels
{
    /// <summary>The level as written in the spec: "SI-1" … "SI-4", "none".</summary>
    public static string Label(SuicideRiskLevel level) => level switch
    {
        SuicideRiskLevel.None => "none",
        SuicideRiskLevel.SI1 => "SI-1",
        SuicideRiskLevel.SI2 => "SI-2",
        SuicideRiskLevel.SI3 => "SI-3",
        SuicideRiskLevel.SI4 => "SI-4",
    };
}
