namespace KetamineClinic.Web.Features.DeviceFeed.Simulator;

/// <summary>What the simulated patient is going through at a moment.</summary>
public enum SimulatedEpisode
{
    None,

    /// <summary>SBP above 180 (VS-BP-02 territory), sustained so a repeat confirms it.</summary>
    Hypertensive,

    /// <summary>SpO₂ 88–90 % on room air.</summary>
    Desaturation,
}

/// <summary>One simulated sample: whole numbers in the units of their names.</summary>
public sealed record SimulatedSample(int SystolicMmHg, int DiastolicMmHg, int HeartRatePerMin, int Spo2Percent, int RespiratoryRatePerMin);

/// <summary>
/// A synthetic patient's vitals during an infusion, deterministic for a seed (the demo simulator; tests).
/// Baseline drawn from the seed; blood pressure rises toward +16/+11 mmHg around 40 minutes into the infusion and
/// falls back afterwards (clinical-spec §4.1: ketamine's expected sympathomimetic rise, peaking near the end of a
/// 40-minute infusion); small noise per sample; episodes are scheduled per session from the seed: about one session
/// in four has a hypertensive episode (SBP &gt; 180 for several minutes) and one in five a short desaturation.
/// </summary>
public sealed class SimulatedVitals
{
    /// <summary>Peak rise over baseline at <see cref="PeakMinute"/> (clinical-spec §4.1).</summary>
    public const int PeakSystolicRiseMmHg = 16;

    public const int PeakDiastolicRiseMmHg = 11;

    public const double PeakMinute = 40;

    private readonly int _seed;

    public SimulatedVitals(int seed)
    {
        _seed = seed;
        var random = new Random(seed);
        BaselineSystolic = random.Next(112, 133);
        BaselineDiastolic = random.Next(68, 83);
        BaselineHeartRate = random.Next(64, 86);
        BaselineSpo2 = random.Next(96, 100);
        BaselineRespiratoryRate = random.Next(12, 17);
        var episode = random.Next(20);
        (Episode, EpisodeStartMinute) = episode switch
        {
            < 5 => (SimulatedEpisode.Hypertensive, 25 + random.Next(15)),
            < 9 => (SimulatedEpisode.Desaturation, 10 + random.Next(30)),
            _ => (SimulatedEpisode.None, double.NaN),
        };
    }

    public int BaselineSystolic { get; }
    public int BaselineDiastolic { get; }
    public int BaselineHeartRate { get; }
    public int BaselineSpo2 { get; }
    public int BaselineRespiratoryRate { get; }

    /// <summary>The episode this session will have (None for most).</summary>
    public SimulatedEpisode Episode { get; }

    /// <summary>Minutes into the infusion when the episode starts (NaN without one).</summary>
    public double EpisodeStartMinute { get; }

    /// <summary>How long an episode lasts, in minutes.</summary>
    public static double EpisodeMinutes(SimulatedEpisode episode) => episode switch
    {
        SimulatedEpisode.Hypertensive => 8,
        SimulatedEpisode.Desaturation => 3,
        SimulatedEpisode.None => 0,
    };

    /// <summary>The BP rise over baseline at a minute of the infusion: linear to the peak at 40 min, back to 0 by 80 min.</summary>
    public static (int Systolic, int Diastolic) Rise(double minutesIntoInfusion)
    {
        var fraction = minutesIntoInfusion <= 0 ? 0
            : minutesIntoInfusion <= PeakMinute ? minutesIntoInfusion / PeakMinute
            : Math.Max(0, 1 - ((minutesIntoInfusion - PeakMinute) / PeakMinute));
        return ((int)Math.Round(PeakSystolicRiseMmHg * fraction, MidpointRounding.AwayFromZero), (int)Math.Round(PeakDiastolicRiseMmHg * fraction, MidpointRounding.AwayFromZero));
    }

    /// <summary>The episode in progress at a minute of the infusion.</summary>
    public SimulatedEpisode EpisodeAt(double minutesIntoInfusion) =>
        Episode != SimulatedEpisode.None && minutesIntoInfusion >= EpisodeStartMinute && minutesIntoInfusion < EpisodeStartMinute + EpisodeMinutes(Episode)
            ? Episode
            : SimulatedEpisode.None;

    /// <summary>
    /// The sample at <paramref name="minutesIntoInfusion"/> (negative = before the start, no rise). <paramref name="sequence"/>
    /// numbers the samples of the session: the same seed, minute and sequence always give the same values.
    /// </summary>
    public SimulatedSample Sample(double minutesIntoInfusion, long sequence)
    {
        // Not HashCode.Combine: it is randomised per process, and the samples must repeat across runs.
        var noise = new Random(unchecked((int)((uint)_seed * 2654435761u) ^ (int)(sequence * 40503)));
        var (sbpRise, dbpRise) = Rise(minutesIntoInfusion);
        var sbp = BaselineSystolic + sbpRise + noise.Next(-3, 4);
        var dbp = BaselineDiastolic + dbpRise + noise.Next(-2, 3);
        var hr = BaselineHeartRate + (sbpRise / 3) + noise.Next(-2, 3);
        var spo2 = Math.Min(100, BaselineSpo2 + noise.Next(-1, 2));
        var rr = BaselineRespiratoryRate + noise.Next(-1, 2);
        switch (EpisodeAt(minutesIntoInfusion))
        {
            case SimulatedEpisode.Hypertensive:
                // VS-BP-02 (clinical-spec §4.3): SBP > 180 on a confirmed repeat pauses the infusion.
                sbp = 182 + noise.Next(0, 8);
                dbp = Math.Max(dbp, 100 + noise.Next(0, 6));
                hr += 8;
                break;
            case SimulatedEpisode.Desaturation:
                spo2 = 88 + noise.Next(0, 3);
                rr = Math.Max(8, rr - 3);
                break;
            case SimulatedEpisode.None:
                break;
        }

        return new SimulatedSample(sbp, dbp, hr, spo2, rr);
    }
}
