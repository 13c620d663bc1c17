using System.Globalization;
using System.Runtime.InteropServices;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Recovery;

/// <summary>Which PADSS form is scored (clinical-spec §5.3); the variant used is recorded.</summary>
public enum PadssVariant
{
    /// <summary>PADSS (Chung 1995): vital signs, activity and mental status, pain/nausea/vomiting, surgical bleeding, intake and output.</summary>
    Padss,

    /// <summary>Modified PADSS: drops intake and output and scores pain and nausea/vomiting as separate items.</summary>
    ModifiedPadss,
}

/// <summary>Severity of pain or of nausea/vomiting for PADSS: minimal 2, moderate (treated) 1, severe (needing treatment) 0.</summary>
public enum PadssSeverity
{
    /// <summary>Minimal (2).</summary>
    Minimal,

    /// <summary>Moderate, treated (1).</summary>
    Moderate,

    /// <summary>Severe, needing treatment (0).</summary>
    Severe,
}

/// <summary>PADSS surgical bleeding item. An infusion has no surgical site and scores 2 (clinical-spec §5.3 [C]).</summary>
public enum SurgicalBleeding
{
    /// <summary>No surgical site (IV infusion): scored as minimal, 2.</summary>
    NoSurgicalSite,

    /// <summary>Minimal (2).</summary>
    Minimal,

    /// <summary>Moderate (1).</summary>
    Moderate,

    /// <summary>Severe (0).</summary>
    Severe,
}

/// <summary>The PADSS items, in form order.</summary>
public enum PadssItem
{
    /// <summary>Vital signs (BP, HR, RR, temperature) against the pre-infusion values.</summary>
    VitalSigns,

    /// <summary>Activity and mental status.</summary>
    ActivityAndMentalStatus,

    /// <summary>Pain, nausea and/or vomiting (PADSS only).</summary>
    PainNauseaVomiting,

    /// <summary>Pain (modified PADSS only).</summary>
    Pain,

    /// <summary>Nausea and/or vomiting (modified PADSS only).</summary>
    NauseaVomiting,

    /// <summary>Surgical bleeding.</summary>
    SurgicalBleeding,

    /// <summary>Intake and output (PADSS only).</summary>
    IntakeAndOutput,
}

/// <summary>The vital sign whose relative deviation decided the PADSS vital-signs item.</summary>
public enum PadssVital
{
    /// <summary>Systolic BP.</summary>
    Systolic,

    /// <summary>Diastolic BP.</summary>
    Diastolic,

    /// <summary>Heart rate.</summary>
    HeartRate,

    /// <summary>Respiratory rate (when recorded at both times).</summary>
    RespiratoryRate,

    /// <summary>Temperature (when recorded at both times).</summary>
    Temperature,
}

/// <summary>The nurse's observations for the PADSS items other than vital signs.</summary>
/// <param name="OrientedTimesThree">Oriented to person, place and time.</param>
/// <param name="SteadyGait">Steady gait.</param>
/// <param name="Pain">Pain severity.</param>
/// <param name="NauseaVomiting">Nausea/vomiting severity.</param>
/// <param name="Bleeding">Surgical bleeding (<see cref="SurgicalBleeding.NoSurgicalSite"/> for an infusion).</param>
/// <param name="DrankFluids">Drank oral fluids.</param>
/// <param name="Voided">Voided.</param>
public sealed record PadssObservations(
    bool OrientedTimesThree,
    bool SteadyGait,
    PadssSeverity Pain,
    PadssSeverity NauseaVomiting,
    SurgicalBleeding Bleeding,
    bool DrankFluids,
    bool Voided);

/// <summary>The PADSS vital-signs item: points and the largest relative deviation from baseline.</summary>
/// <param name="Points">2 (≤ 20 %), 1 (&gt; 20 % and ≤ 40 %) or 0 (&gt; 40 %).</param>
/// <param name="LargestDeviationPercent">Largest |current − baseline| / baseline, in percent, rounded to 2 dp (display only).</param>
/// <param name="LargestDeviationIn">Which vital sign had the largest deviation.</param>
public sealed record PadssVitalSignsItem(int Points, decimal LargestDeviationPercent, PadssVital LargestDeviationIn);

/// <summary>One scored PADSS item.</summary>
/// <param name="Item">Which item.</param>
/// <param name="Points">0–2.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PadssItemScore(PadssItem Item, int Points);

/// <summary>A scored PADSS: the variant, its items (each 0–2) and total 0–10.</summary>
public sealed record PadssResult
{
    internal PadssResult(PadssVariant variant, IReadOnlyList<PadssItemScore> items, PadssVitalSignsItem vitalSigns)
    {
        Variant = variant;
        Items = items;
        VitalSigns = vitalSigns;
    }

    /// <summary>Which form was scored.</summary>
    public PadssVariant Variant { get; }

    /// <summary>The five items of the form, in order.</summary>
    public IReadOnlyList<PadssItemScore> Items { get; }

    /// <summary>Detail of the vital-signs item.</summary>
    public PadssVitalSignsItem VitalSigns { get; }

    /// <summary>Total, 0–10.</summary>
    public int Total => Items.Sum(i => i.Points);

    /// <summary>Points of one item; throws when the item is not on this form.</summary>
    public int PointsFor(PadssItem item) =>
        Items.Where(i => i.Item == item).Select(i => (int?)i.Points).SingleOrDefault()
        ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{item} is not an item of {Variant}."), nameof(item));
}

/// <summary>Post-Anesthetic Discharge Scoring System (Chung 1995; clinical-spec §5.3) and its modified form.</summary>
public static class PadssScore
{
    /// <summary>Scores the form from the observations, the last reading and the encounter's baseline.</summary>
    /// <param name="variant">PADSS or modified PADSS.</param>
    /// <param name="observations">The nurse's observations.</param>
    /// <param name="baseline">Pre-infusion values of the encounter (baselineBP for BP).</param>
    /// <param name="current">The last reading: must hold BP and HR.</param>
    public static PadssResult Score(PadssVariant variant, PadssObservations observations, VitalsBaseline baseline, VitalsReading current)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var vital = VitalSignsItem(baseline, current);
        var activity = (observations.OrientedTimesThree ? 1 : 0) + (observations.SteadyGait ? 1 : 0);
        var bleeding = BleedingPoints(observations.Bleeding);
        IReadOnlyList<PadssItemScore> items = variant switch
        {
            PadssVariant.Padss =>
            [
                new(PadssItem.VitalSigns, vital.Points),
                new(PadssItem.ActivityAndMentalStatus, activity),
                // The single PADSS item takes the worse of pain and nausea/vomiting.
                new(PadssItem.PainNauseaVomiting, Math.Min(SeverityPoints(observations.Pain), SeverityPoints(observations.NauseaVomiting))),
                new(PadssItem.SurgicalBleeding, bleeding),
                new(PadssItem.IntakeAndOutput, (observations.DrankFluids ? 1 : 0) + (observations.Voided ? 1 : 0)),
            ],
            PadssVariant.ModifiedPadss =>
            [
                new(PadssItem.VitalSigns, vital.Points),
                new(PadssItem.ActivityAndMentalStatus, activity),
                new(PadssItem.Pain, SeverityPoints(observations.Pain)),
                new(PadssItem.NauseaVomiting, SeverityPoints(observations.NauseaVomiting)),
                new(PadssItem.SurgicalBleeding, bleeding),
            ],
        };
        return new PadssResult(variant, items, vital);
    }

    /// <summary>Pain or nausea/vomiting: minimal 2, moderate 1, severe 0.</summary>
    public static int SeverityPoints(PadssSeverity severity) => severity switch
    {
        PadssSeverity.Minimal => 2,
        PadssSeverity.Moderate => 1,
        PadssSeverity.Severe => 0,
    };

    /// <summary>Surgical bleeding: no surgical site or minimal 2, moderate 1, severe 0.</summary>
    public static int BleedingPoints(SurgicalBleeding bleeding) => bleeding switch
    {
        SurgicalBleeding.NoSurgicalSite => 2,
        SurgicalBleeding.Minimal => 2,
        SurgicalBleeding.Moderate => 1,
        SurgicalBleeding.Severe => 0,
    };

    /// <summary>
    /// The vital-signs item (§5.3 [C]): for SBP, DBP and HR (and RR and temperature when recorded at both times)
    /// the relative deviation |current − baseline| / baseline; the largest decides: ≤ 20 % → 2, &gt; 20 % and ≤ 40 % → 1,
    /// &gt; 40 % → 0. Compared exactly (cross-multiplied, no rounding). A baseline RR of 0 cannot serve as a relative
    /// baseline and is skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The current reading lacks BP or HR, or the baseline lacks HR.</exception>
    public static PadssVitalSignsItem VitalSignsItem(VitalsBaseline baseline, VitalsReading current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (current.BloodPressure is not { } bp || current.HeartRate is not { } hr || baseline.HeartRate is not { } baseHr)
        {
            throw new ArgumentException("The PADSS vital-signs item needs BP and HR at the last reading and a baseline HR.", nameof(current));
        }

        var deviations = new List<(PadssVital Vital, decimal Baseline, decimal Current)>
        {
            (PadssVital.Systolic, baseline.BloodPressure.SystolicMmHg, bp.SystolicMmHg),
            (PadssVital.Diastolic, baseline.BloodPressure.DiastolicMmHg, bp.DiastolicMmHg),
            (PadssVital.HeartRate, baseHr.BeatsPerMin, hr.BeatsPerMin),
        };
        if (baseline.RespiratoryRate is { BreathsPerMin: > 0 } baseRr && current.RespiratoryRate is { } rr)
        {
            deviations.Add((PadssVital.RespiratoryRate, baseRr.BreathsPerMin, rr.BreathsPerMin));
        }

        if (baseline.Temperature is { } baseTemp && current.Temperature is { } temp)
        {
            deviations.Add((PadssVital.Temperature, baseTemp.Celsius, temp.Celsius));
        }

        var points = deviations.Min(d => DeviationPoints(d.Baseline, d.Current));
        var largest = deviations.MaxBy(d => Math.Abs(d.Current - d.Baseline) / d.Baseline);
        var percent = Math.Round(Math.Abs(largest.Current - largest.Baseline) * 100m / largest.Baseline, 2, MidpointRounding.AwayFromZero);
        return new PadssVitalSignsItem(points, percent, largest.Vital);
    }

    private static int DeviationPoints(decimal baseline, decimal current)
    {
        var scaled = Math.Abs(current - baseline) * 100m;
        return scaled <= 20m * baseline ? 2 : scaled <= 40m * baseline ? 1 : 0;
    }
}
