using System.Globalization;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>The session shown on a chair tile.</summary>
public sealed class TileSession
{
    public Guid Id { get; init; }
    public Guid PatientId { get; init; }
    public required string PatientName { get; init; }
    public required string Mrn { get; init; }
    public SessionPhase Phase { get; set; }
    public DateTimeOffset CheckedInAt { get; set; }
    public DateTimeOffset? InfusionStartedAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public int PausedSeconds { get; set; }
    public DateTimeOffset? InfusionEndedAt { get; set; }
    public int PlannedInfusionMinutes { get; set; }
    public int ObservationMinutes { get; set; }
    public DateTimeOffset? NextReadingDueAt { get; set; }
    public ReadingDueReason? NextReadingDueReason { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// One chair on the board, live: the page applies broadcaster updates to it in place. Keeps the last
/// <see cref="SeriesLength"/> values of SBP, HR and SpO₂ for the sparklines.
/// </summary>
public sealed class ChairTileState
{
    public const int SeriesLength = 30;

    public Guid ChairId { get; init; }
    public required string ChairLabel { get; init; }
    public TileSession? Session { get; set; }
    public List<ReadingView> Recent { get; } = [];
    public List<AlarmView> Alarms { get; } = [];
    public DeviceFault? LastDeviceFault { get; set; }

    public ReadingView? LatestWith(Func<ReadingView, bool> has) => Recent.LastOrDefault(has);

    public IReadOnlyList<int> Series(Func<ReadingView, int?> value) =>
        [.. Recent.Select(value).OfType<int>().TakeLast(SeriesLength)];

    /// <summary>Adds readings in time order (a late one lands in its place), keeping a bounded window.</summary>
    public void Apply(ReadingsAdded update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var r in update.Readings)
        {
            if (Recent.Exists(x => x.Id == r.Id))
            {
                continue;
            }

            var at = Recent.FindLastIndex(x => x.TakenAt <= r.TakenAt);
            Recent.Insert(at + 1, r);
        }

        if (Recent.Count > SeriesLength * 4)
        {
            Recent.RemoveRange(0, Recent.Count - (SeriesLength * 4));
        }

        if (Session is { } s && s.Id == update.SessionId)
        {
            s.NextReadingDueAt = update.NextReadingDueAt;
            s.NextReadingDueReason = update.NextReadingDueReason;
            if (update.SessionVersion is { } version)
            {
                // The commit that stored these readings changed the session's version: keep phase commands current.
                s.Version = version;
            }
        }
    }

    /// <summary>Adds or replaces an alarm; a resolved one leaves the tile.</summary>
    public void Apply(AlarmView alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var i = Alarms.FindIndex(a => a.Id == alarm.Id);
        if (alarm.State == AlarmState.Resolved)
        {
            if (i >= 0)
            {
                Alarms.RemoveAt(i);
            }

            return;
        }

        if (i >= 0)
        {
            Alarms[i] = alarm;
        }
        else
        {
            Alarms.Add(alarm);
        }

        Alarms.Sort((a, b) => b.Severity != a.Severity ? b.Severity.CompareTo(a.Severity) : a.EventTime.CompareTo(b.EventTime));
    }

    public AlarmSeverity? HighestOpenSeverity => Alarms.Count == 0 ? null : Alarms.Max(a => a.Severity);
}

/// <summary>What a phase timer shows.</summary>
/// <param name="Label">E.g. "Infusion 12:30 / 40:00", "Observation 17:30 left".</param>
/// <param name="Percent">Progress 0–100 for a bar, or null.</param>
/// <param name="Overdue">True when the planned time has passed (infusion longer than planned, observation done).</param>
public sealed record PhaseTimer(string Label, double? Percent, bool Overdue)
{
    /// <summary>The timer of a session at <paramref name="now"/>: infusion elapsed (pauses excluded) or the observation countdown.</summary>
    public static PhaseTimer? For(TileSession s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        switch (s.Phase)
        {
            case SessionPhase.CheckedIn or SessionPhase.PreChecks:
                return new PhaseTimer($"Waiting {Clock(now - s.CheckedInAt)}", null, false);
            case SessionPhase.Infusing or SessionPhase.Paused:
                var running = Running(s, now);
                var planned = TimeSpan.FromMinutes(s.PlannedInfusionMinutes);
                var label = $"Infusion {Clock(running)} / {Clock(planned)}" + (s.Phase == SessionPhase.Paused && s.PausedAt is { } p ? $" · paused {Clock(now - p)}" : string.Empty);
                return new PhaseTimer(label, Math.Min(100, running / planned * 100), running >= planned);
            case SessionPhase.Recovering or SessionPhase.ReadyForDischarge when s.InfusionEndedAt is { } end:
                // DC-01 (clinical-spec §5.1): minimum observation from the end of the infusion.
                var observation = TimeSpan.FromMinutes(s.ObservationMinutes);
                var left = end + observation - now;
                return left > TimeSpan.Zero
                    ? new PhaseTimer($"Observation {Clock(left)} left", Math.Min(100, (now - end) / observation * 100), false)
                    : new PhaseTimer($"Observation done ({Clock(now - end)} since end)", 100, true);
            case SessionPhase.Recovering or SessionPhase.ReadyForDischarge:
            case SessionPhase.Discharged or SessionPhase.Aborted:
                return null;
        }

        return null;
    }

    /// <summary>Running time of the infusion, pauses excluded.</summary>
    public static TimeSpan Running(TileSession s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.InfusionStartedAt is not { } start)
        {
            return TimeSpan.Zero;
        }

        var end = s.InfusionEndedAt ?? s.PausedAt ?? now;
        var running = end - start - TimeSpan.FromSeconds(s.PausedSeconds);
        return running < TimeSpan.Zero ? TimeSpan.Zero : running;
    }

    public static string Clock(TimeSpan span)
    {
        var total = (int)Math.Max(0, Math.Floor(span.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60:00}:{total % 60:00}");
    }
}
