using System.Globalization;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Recovery;

/// <summary>Which score decides discharge readiness (DC-02).</summary>
public enum DischargeInstrument
{
    /// <summary>Post-Anesthetic Discharge Scoring System (Chung 1995), the home-readiness score (default).</summary>
    Padss,

    /// <summary>Modified Aldrete score (Aldrete 1995), with consciousness = 2 required for home discharge.</summary>
    ModifiedAldrete,
}

/// <summary>How the Aldrete circulation item compares SBP with baselineBP (clinical-spec §5.2).</summary>
public enum AldreteCirculationVariant
{
    /// <summary>|ΔSBP| ≤ 20 mmHg → 2; 21–49 → 1; ≥ 50 → 0.</summary>
    MillimetresOfMercury,

    /// <summary>|ΔSBP| ≤ 20 % → 2; &gt; 20 % and &lt; 50 % → 1; ≥ 50 % → 0.</summary>
    PercentOfBaseline,
}

/// <summary>The Aldrete discharge threshold variant (clinical-spec §5.2).</summary>
public enum AldreteThresholdVariant
{
    /// <summary>Total ≥ 9 (most common).</summary>
    NineOrMore,

    /// <summary>
    /// Threshold-only variant: total ≥ 8 with respiration = 2 and O₂ saturation = 2, applied to the 1995 items
    /// (the source table scores a different item set; a clinic wanting that scale must configure its items).
    /// </summary>
    EightOrMoreWithRespirationAndSpo2AtTwo,
}

/// <summary>Aldrete activity item.</summary>
public enum AldreteActivity
{
    /// <summary>Moves 4 extremities voluntarily or on command (2).</summary>
    MovesFourExtremities,

    /// <summary>Moves 2 extremities (1).</summary>
    MovesTwoExtremities,

    /// <summary>Moves no extremities (0).</summary>
    MovesNoExtremities,
}

/// <summary>Aldrete respiration item.</summary>
public enum AldreteRespiration
{
    /// <summary>Breathes deeply and coughs freely (2).</summary>
    BreathesDeeplyAndCoughsFreely,

    /// <summary>Dyspnea, shallow or limited breathing (1).</summary>
    DyspneaOrShallowBreathing,

    /// <summary>Apneic (0).</summary>
    Apneic,
}

/// <summary>Aldrete consciousness item.</summary>
public enum AldreteConsciousness
{
    /// <summary>Fully awake (2). Required for home discharge (DC-02).</summary>
    FullyAwake,

    /// <summary>Arousable on calling (1).</summary>
    ArousableOnCalling,

    /// <summary>Not responding (0).</summary>
    NotResponding,
}

/// <summary>The nurse's observations for the three Aldrete items that are not computed from vital signs.</summary>
/// <param name="Activity">Activity item.</param>
/// <param name="Respiration">Respiration item.</param>
/// <param name="Consciousness">Consciousness item.</param>
public sealed record AldreteObservations(AldreteActivity Activity, AldreteRespiration Respiration, AldreteConsciousness Consciousness);

/// <summary>A scored modified Aldrete: five items of 0–2 points, total 0–10, and the circulation variant used.</summary>
public sealed record AldreteResult
{
    /// <summary>Creates a result from item points; each must be 0–2.</summary>
    public AldreteResult(int activity, int respiration, int circulation, int consciousness, int oxygenSaturation, AldreteCirculationVariant circulationVariant)
    {
        Activity = Item(activity, nameof(activity));
        Respiration = Item(respiration, nameof(respiration));
        Circulation = Item(circulation, nameof(circulation));
        Consciousness = Item(consciousness, nameof(consciousness));
        OxygenSaturation = Item(oxygenSaturation, nameof(oxygenSaturation));
        CirculationVariant = Enum.IsDefined(circulationVariant)
            ? circulationVariant
            : throw new ArgumentOutOfRangeException(nameof(circulationVariant), circulationVariant, "Unknown circulation variant.");
    }

    /// <summary>Activity points (0–2).</summary>
    public int Activity { get; }

    /// <summary>Respiration points (0–2).</summary>
    public int Respiration { get; }

    /// <summary>Circulation points (0–2), SBP against baselineBP.</summary>
    public int Circulation { get; }

    /// <summary>Consciousness points (0–2).</summary>
    public int Consciousness { get; }

    /// <summary>O₂ saturation points (0–2).</summary>
    public int OxygenSaturation { get; }

    /// <summary>Which circulation variant scored <see cref="Circulation"/>.</summary>
    public AldreteCirculationVariant CirculationVariant { get; }

    /// <summary>Total, 0–10.</summary>
    public int Total => Activity + Respiration + Circulation + Consciousness + OxygenSaturation;

    private static int Item(int points, string name) =>
        points is >= 0 and <= 2
            ? points
            : throw new ArgumentOutOfRangeException(name, points, string.Create(CultureInfo.InvariantCulture, $"Aldrete item {name} must be 0–2."));
}

/// <summary>
/// Modified Aldrete score (Aldrete 1995; clinical-spec §5.2) with the spec's exact cut-offs where the source bands
/// overlap (circulation at 20 and 50; SpO₂ 90–92 % on room air).
/// </summary>
public static class AldreteScore
{
    /// <summary>Scores the five items from the nurse's observations and the last reading against baselineBP.</summary>
    /// <param name="observations">Activity, respiration, consciousness.</param>
    /// <param name="baselineBp">baselineBP (the deciding pre-infusion reading, §2.3).</param>
    /// <param name="currentBp">BP at the discharge assessment.</param>
    /// <param name="currentSpo2">SpO₂ at the discharge assessment, with room air / O₂.</param>
    /// <param name="variant">Circulation variant.</param>
    public static AldreteResult Score(AldreteObservations observations, BloodPressure baselineBp, BloodPressure currentBp, Spo2 currentSpo2, AldreteCirculationVariant variant)
    {
        ArgumentNullException.ThrowIfNull(observations);
        return new AldreteResult(
            ActivityPoints(observations.Activity),
            RespirationPoints(observations.Respiration),
            CirculationPoints(baselineBp.SystolicMmHg, currentBp.SystolicMmHg, variant),
            ConsciousnessPoints(observations.Consciousness),
            OxygenSaturationPoints(currentSpo2),
            variant);
    }

    /// <summary>Activity: 4 extremities 2, 2 extremities 1, none 0.</summary>
    public static int ActivityPoints(AldreteActivity activity) => activity switch
    {
        AldreteActivity.MovesFourExtremities => 2,
        AldreteActivity.MovesTwoExtremities => 1,
        AldreteActivity.MovesNoExtremities => 0,
    };

    /// <summary>Respiration: deep breaths and free cough 2, dyspnea/shallow 1, apneic 0.</summary>
    public static int RespirationPoints(AldreteRespiration respiration) => respiration switch
    {
        AldreteRespiration.BreathesDeeplyAndCoughsFreely => 2,
        AldreteRespiration.DyspneaOrShallowBreathing => 1,
        AldreteRespiration.Apneic => 0,
    };

    /// <summary>Consciousness: fully awake 2, arousable on calling 1, not responding 0.</summary>
    public static int ConsciousnessPoints(AldreteConsciousness consciousness) => consciousness switch
    {
        AldreteConsciousness.FullyAwake => 2,
        AldreteConsciousness.ArousableOnCalling => 1,
        AldreteConsciousness.NotResponding => 0,
    };

    /// <summary>
    /// Circulation (§5.2, exact cut-offs): SBP against baseline SBP. mmHg: |Δ| ≤ 20 → 2, 21–49 → 1, ≥ 50 → 0.
    /// Percent: ≤ 20 % → 2, &gt; 20 % and &lt; 50 % → 1, ≥ 50 % → 0 (compared exactly, without division).
    /// </summary>
    public static int CirculationPoints(int baselineSystolicMmHg, int currentSystolicMmHg, AldreteCirculationVariant variant)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baselineSystolicMmHg);
        var delta = Math.Abs(currentSystolicMmHg - baselineSystolicMmHg);
        return variant switch
        {
            AldreteCirculationVariant.MillimetresOfMercury => delta <= 20 ? 2 : delta < 50 ? 1 : 0,
            AldreteCirculationVariant.PercentOfBaseline =>
                100 * delta <= 20 * baselineSystolicMmHg ? 2 : 100 * delta < 50 * baselineSystolicMmHg ? 1 : 0,
        };
    }

    /// <summary>O₂ saturation (§5.2): room air and &gt; 92 % → 2; otherwise ≥ 90 % (room air ≤ 92 %, or on O₂) → 1; &lt; 90 % → 0.</summary>
    public static int OxygenSaturationPoints(Spo2 spo2) =>
        spo2.OnRoomAir && spo2.Percent > 92 ? 2 : spo2.Percent >= 90 ? 1 : 0;

    /// <summary>Whether the total meets the configured threshold variant (DC-02), before the consciousness condition.</summary>
    public static bool MeetsThreshold(AldreteResult result, AldreteThresholdVariant variant)
    {
        ArgumentNullException.ThrowIfNull(result);
        return variant switch
        {
            AldreteThresholdVariant.NineOrMore => result.Total >= 9,
            AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo =>
                result.Total >= 8 && result.Respiration == 2 && result.OxygenSaturation == 2,
        };
    }

    /// <summary>DC-02 with Aldrete: the threshold is met and consciousness = 2 (fully awake) for home discharge.</summary>
    public static bool MeetsHomeDischarge(AldreteResult result, AldreteThresholdVariant variant) =>
        MeetsThreshold(result, variant) && result.Consciousness == 2;
}
