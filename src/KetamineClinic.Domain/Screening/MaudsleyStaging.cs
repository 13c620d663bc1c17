using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Screening.TreatmentResistance;

namespace KetamineClinic.Domain.Screening;

/// <summary>MSM symptom severity at baseline (clinical-spec §1.3); the value is the item's points.</summary>
public enum BaselineSeverity
{
    /// <summary>1 point.</summary>
    Subsyndromal = 1,

    /// <summary>2 points.</summary>
    Mild = 2,

    /// <summary>3 points.</summary>
    Moderate = 3,

    /// <summary>4 points.</summary>
    SevereWithoutPsychosis = 4,

    /// <summary>5 points.</summary>
    SevereWithPsychosis = 5,
}

/// <summary>MSM-02 band of the total.</summary>
public enum MaudsleyBand
{
    /// <summary>Total 3–6.</summary>
    Mild,

    /// <summary>Total 7–10.</summary>
    Moderate,

    /// <summary>Total 11–15.</summary>
    Severe,
}

/// <summary>The five MSM inputs, validated on construction (MSM-01: reject inputs outside each item's range).</summary>
public sealed record MaudsleyInput
{
    /// <summary>Creates the input.</summary>
    /// <param name="episodeDurationMonths">Duration of the current episode in months, 0 or more (fractions allowed; only completed months count).</param>
    /// <param name="severity">Symptom severity at baseline.</param>
    /// <param name="antidepressantCount">Number of failed antidepressants, 1 or more (MSM has no band for 0).</param>
    /// <param name="augmentationUsed">Whether augmentation was used.</param>
    /// <param name="ectUsed">Whether ECT was used.</param>
    public MaudsleyInput(decimal episodeDurationMonths, BaselineSeverity severity, int antidepressantCount, bool augmentationUsed, bool ectUsed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodeDurationMonths);
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "MSM-01: severity must be subsyndromal, mild, moderate, severe without psychosis or severe with psychosis.");
        }
        if (antidepressantCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(antidepressantCount), antidepressantCount, "MSM-01: the antidepressant count must be 1 or more.");
        }
        EpisodeDurationMonths = episodeDurationMonths;
        Severity = severity;
        AntidepressantCount = antidepressantCount;
        AugmentationUsed = augmentationUsed;
        EctUsed = ectUsed;
    }

    /// <summary>Duration of the current episode, months (0 or more).</summary>
    public decimal EpisodeDurationMonths { get; }

    /// <summary>Symptom severity at baseline.</summary>
    public BaselineSeverity Severity { get; }

    /// <summary>Number of failed antidepressants (1 or more).</summary>
    public int AntidepressantCount { get; }

    /// <summary>Augmentation used.</summary>
    public bool AugmentationUsed { get; }

    /// <summary>ECT used.</summary>
    public bool EctUsed { get; }
}

/// <summary>An MSM score with its item points.</summary>
/// <param name="DurationPoints">1–3.</param>
/// <param name="SeverityPoints">1–5.</param>
/// <param name="AntidepressantPoints">1–5.</param>
/// <param name="AugmentationPoints">0–1.</param>
/// <param name="EctPoints">0–1.</param>
/// <param name="Total">3–15 (MSM-01).</param>
/// <param name="Band">MSM-02.</param>
/// <param name="CompletedMonths">Episode duration in completed months.</param>
/// <param name="Findings">MSM-01 and MSM-02 (INFO) with the numbers.</param>
public sealed record MaudsleyResult(
    int DurationPoints,
    int SeverityPoints,
    int AntidepressantPoints,
    int AugmentationPoints,
    int EctPoints,
    int Total,
    MaudsleyBand Band,
    int CompletedMonths,
    IReadOnlyList<RuleFinding> Findings);

/// <summary>Maudsley Staging Method (clinical-spec §1.3, S15), total 3–15.</summary>
public static class MaudsleyStaging
{
    private static readonly string[] Sources = ["S15"];

    /// <summary>MSM-01 total and MSM-02 band.</summary>
    public static MaudsleyResult Score(MaudsleyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // MSM-01 [C]: completed months (12.5 → 12 → acute).
        var months = checked((int)decimal.Floor(input.EpisodeDurationMonths));
        var duration = DurationPoints(months);
        var severity = (int)input.Severity;
        var antidepressants = AntidepressantPoints(input.AntidepressantCount);
        var augmentation = input.AugmentationUsed ? 1 : 0;
        var ect = input.EctUsed ? 1 : 0;
        var total = checked(duration + severity + antidepressants + augmentation + ect);
        var band = BandOf(total);

        var findings = new RuleFinding[]
        {
            new(ScreeningRules.MaudsleyTotal, Enforcement.Info,
                Invariant($"MSM-01: duration {months} completed months → {duration}; severity {input.Severity} → {severity}; {input.AntidepressantCount} antidepressant(s) → {antidepressants}; augmentation → {augmentation}; ECT → {ect}; total {total}."),
                Sources),
            new(ScreeningRules.MaudsleyBand, Enforcement.Info, Invariant($"MSM-02: total {total} → {band}."), Sources),
        };
        return new MaudsleyResult(duration, severity, antidepressants, augmentation, ect, total, band, months, findings);
    }

    /// <summary>Duration points from completed months: ≤12 → 1, 13–24 → 2, >24 → 3.</summary>
    public static int DurationPoints(int completedMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completedMonths);
        return completedMonths switch
        {
            <= 12 => 1,
            <= 24 => 2,
            _ => 3,
        };
    }

    /// <summary>Antidepressant points: 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–10 → 4, >10 → 5.</summary>
    public static int AntidepressantPoints(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "MSM-01: the antidepressant count must be 1 or more.");
        }
        return count switch
        {
            <= 2 => 1,
            <= 4 => 2,
            <= 6 => 3,
            <= 10 => 4,
            _ => 5,
        };
    }

    /// <summary>MSM-02: 3–6 mild, 7–10 moderate, 11–15 severe; a total outside 3–15 is rejected.</summary>
    public static MaudsleyBand BandOf(int total) => total switch
    {
        < 3 or > 15 => throw new ArgumentOutOfRangeException(nameof(total), total, "MSM-02: the total must be 3–15."),
        <= 6 => MaudsleyBand.Mild,
        <= 10 => MaudsleyBand.Moderate,
        _ => MaudsleyBand.Severe,
    };
}
