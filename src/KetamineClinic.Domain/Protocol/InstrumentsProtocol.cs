using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Protocol;

/// <summary>MADRS severity band scheme (clinical-spec §6.1, §11 "MADRS severity").</summary>
public enum MadrsBandScheme
{
    /// <summary>Snaith et al.: 0–6 normal/absent, 7–19 mild, 20–34 moderate, 35–60 severe (spec default).</summary>
    Snaith,

    /// <summary>Alternative cut-points 12/24/35: 0–11, 12–23, 24–34, 35–60.</summary>
    CutPoints12To24To35,
}

/// <summary>
/// The [C] values used by scoring instruments and suicide-risk escalation (clinical-spec §4.4, §6, §8).
/// <see cref="Default"/> holds the spec v0.2 defaults; a clinic changes them only with medical-director sign-off.
/// </summary>
public sealed record InstrumentsProtocol
{
    private readonly int _followUpWithinHours = 72;
    private readonly int _cssrsRecentScreenerAfterDays = 30;
    private readonly MadrsBandScheme _madrsBands = MadrsBandScheme.Snaith;
    private readonly int _moaasSedationStopAtOrBelow = 2;
    private readonly SafetyItemThresholds _phq9Item9 = new(si1From: 1, si2From: null, si3From: null);
    private readonly SafetyItemThresholds _qidsItem12 = new(si1From: 1, si2From: 3, si3From: null);
    private readonly SafetyItemThresholds _madrsItem10 = new(si1From: 2, si2From: 4, si3From: 6);
    private readonly SafetyItemThresholds _hamdItem3 = new(si1From: 1, si2From: 3, si3From: 4);

    /// <summary>The spec v0.2 defaults.</summary>
    public static InstrumentsProtocol Default { get; } = new();

    /// <summary>
    /// SI-2 (clinical-spec §8.1): the follow-up contact must fall within this many hours. Default 72 h [C].
    /// Range 1–168 h.
    /// </summary>
    public int FollowUpWithinHours
    {
        get => _followUpWithinHours;
        init => _followUpWithinHours = InRange(value, 1, 168, nameof(FollowUpWithinHours));
    }

    /// <summary>
    /// CSSRS-VER-01 (clinical-spec §6.7): use the Recent screener when the last C-SSRS was more than this many
    /// calendar days ago (or at intake); otherwise the Since-Last-Visit screener. Default 30 days [C]. Range 1–365.
    /// </summary>
    public int CssrsRecentScreenerAfterDays
    {
        get => _cssrsRecentScreenerAfterDays;
        init => _cssrsRecentScreenerAfterDays = InRange(value, 1, 365, nameof(CssrsRecentScreenerAfterDays));
    }

    /// <summary>MADRS severity bands (clinical-spec §6.1, §11). Default Snaith [C].</summary>
    public MadrsBandScheme MadrsBands
    {
        get => _madrsBands;
        init => _madrsBands = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown MADRS band scheme.");
    }

    /// <summary>
    /// VS-SED-01 (clinical-spec §4.3): a MOAA/S score at or below this value stops the infusion. Default 2 [C].
    /// Range 0–4 (5 is fully alert, so a threshold of 5 would stop every infusion).
    /// </summary>
    public int MoaasSedationStopAtOrBelow
    {
        get => _moaasSedationStopAtOrBelow;
        init => _moaasSedationStopAtOrBelow = InRange(value, 0, 4, nameof(MoaasSedationStopAtOrBelow));
    }

    /// <summary>PHQ9-SAFETY-01 (clinical-spec §6.2): PHQ-9 item 9 (0–3) ≥1 → SI-1 [C].</summary>
    public SafetyItemThresholds Phq9Item9
    {
        get => _phq9Item9;
        init => _phq9Item9 = WithinItemRange(value, 3, nameof(Phq9Item9));
    }

    /// <summary>QIDS-SAFETY-01 (clinical-spec §6.4): QIDS-SR16 item 12 (0–3) 1–2 → SI-1, 3 → SI-2 [C].</summary>
    public SafetyItemThresholds QidsItem12
    {
        get => _qidsItem12;
        init => _qidsItem12 = WithinItemRange(value, 3, nameof(QidsItem12));
    }

    /// <summary>MADRS-SAFETY-01 (clinical-spec §6.3): MADRS item 10 (0–6) 2–3 → SI-1, 4–5 → SI-2, 6 → SI-3 [C].</summary>
    public SafetyItemThresholds MadrsItem10
    {
        get => _madrsItem10;
        init => _madrsItem10 = WithinItemRange(value, 6, nameof(MadrsItem10));
    }

    /// <summary>HAMD-SAFETY-01 (clinical-spec §6.5): HAM-D17 item 3 (0–4) 1–2 → SI-1, 3 → SI-2, 4 → SI-3 [C].</summary>
    public SafetyItemThresholds HamdItem3
    {
        get => _hamdItem3;
        init => _hamdItem3 = WithinItemRange(value, 4, nameof(HamdItem3));
    }

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    private static SafetyItemThresholds WithinItemRange(SafetyItemThresholds value, int itemMax, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.HighestFrom > itemMax)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value.HighestFrom,
                $"{name}: every threshold must lie within the item's range 0–{itemMax}.");
        }

        return value;
    }
}

/// <summary>
/// Maps a suicide item's value to an SI level (clinical-spec §8.1): the value triggers SI-1 from
/// <see cref="Si1From"/>, SI-2 from <see cref="Si2From"/> and SI-3 from <see cref="Si3From"/> (all inclusive).
/// A null threshold means the item never reaches that level. Thresholds are ≥1 and strictly ascending.
/// </summary>
public sealed record SafetyItemThresholds
{
    /// <summary>Creates the thresholds; throws when they are below 1, missing below a set one, or not ascending.</summary>
    public SafetyItemThresholds(int si1From, int? si2From, int? si3From)
    {
        if (si1From < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(si1From), si1From, "SI-1 threshold must be at least 1 (0 is 'no symptom').");
        }

        if (si2From is { } si2 && si2 <= si1From)
        {
            throw new ArgumentOutOfRangeException(nameof(si2From), si2From, "SI-2 threshold must be above the SI-1 threshold.");
        }

        if (si3From is { } si3 && si3 <= (si2From ?? si1From))
        {
            throw new ArgumentOutOfRangeException(nameof(si3From), si3From, "SI-3 threshold must be above the lower thresholds.");
        }

        Si1From = si1From;
        Si2From = si2From;
        Si3From = si3From;
    }

    /// <summary>Lowest item value that triggers SI-1.</summary>
    public int Si1From { get; }

    /// <summary>Lowest item value that triggers SI-2; null when the item never reaches SI-2.</summary>
    public int? Si2From { get; }

    /// <summary>Lowest item value that triggers SI-3; null when the item never reaches SI-3.</summary>
    public int? Si3From { get; }

    /// <summary>The highest threshold set.</summary>
    public int HighestFrom => Si3From ?? Si2From ?? Si1From;

    /// <summary>The SI level an item value maps to (None below <see cref="Si1From"/>).</summary>
    public SuicideRiskLevel LevelFor(int itemValue)
    {
        if (Si3From is { } si3 && itemValue >= si3)
        {
            return SuicideRiskLevel.SI3;
        }

        if (Si2From is { } si2 && itemValue >= si2)
        {
            return SuicideRiskLevel.SI2;
        }

        return itemValue >= Si1From ? SuicideRiskLevel.SI1 : SuicideRiskLevel.None;
    }
}
