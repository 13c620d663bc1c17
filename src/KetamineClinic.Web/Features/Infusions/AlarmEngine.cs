using System.Text.Json;
using System.Text.Json.Serialization;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// What the alarm engine keeps between readings of a session: the open episodes of the rules core (VS-CONF-01),
/// how far each vital-sign family has been evaluated, and the readings due per family.
/// </summary>
internal sealed record AlarmEngineState
{
    public static AlarmEngineState Empty { get; } = new();

    public IReadOnlyList<AlarmEpisode> Episodes { get; init; } = [];

    /// <summary>Per family, the TakenAt of the newest reading evaluated for it.</summary>
    public IReadOnlyDictionary<VitalSignFamily, DateTimeOffset> EvaluatedThrough { get; init; } = new Dictionary<VitalSignFamily, DateTimeOffset>();

    /// <summary>Readings due: the routine one (no family) and those the open episodes ask for.</summary>
    public IReadOnlyList<ReadingDue> Due { get; init; } = [];

    public ReadingDue? NextDue => Due.Count == 0 ? null : Due.MinBy(d => d.At);

    public string ToJson() => JsonSerializer.Serialize(Stored.From(this), AlarmEngineJson.Default.Stored);

    public static AlarmEngineState FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? Empty : (JsonSerializer.Deserialize(json, AlarmEngineJson.Default.Stored) ?? throw new JsonException("Empty alarm state.")).ToState();

    /// <summary>The routine due reading replaced (after a phase change); null removes it.</summary>
    public AlarmEngineState WithRoutineDue(ReadingDue? routine) =>
        this with { Due = routine is null ? [.. Due.Where(d => d.Family is not null)] : [.. Due.Where(d => d.Family is not null), routine] };

    // Storage shape: plain strings and instants, so the JSON does not depend on domain type internals.
    internal sealed record Stored(List<StoredEpisode> Episodes, Dictionary<string, DateTimeOffset> EvaluatedThrough, List<StoredDue> Due)
    {
        public static Stored From(AlarmEngineState s) => new(
            [.. s.Episodes.Select(e => new StoredEpisode(e.Rule.Value, e.State, e.FirstMetAt, e.LastCountedAt, e.UnconfirmedAt, e.AlarmRaised))],
            s.EvaluatedThrough.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value, StringComparer.Ordinal),
            [.. s.Due.Select(d => new StoredDue(d.At, d.NoLaterThan, d.Reason, d.Rule?.Value, d.Family))]);

        public AlarmEngineState ToState() => new()
        {
            Episodes = [.. Episodes.Select(e => new AlarmEpisode(new RuleId(e.Rule), e.State, e.FirstMetAt, e.LastCountedAt, e.UnconfirmedAt, e.AlarmRaised))],
            EvaluatedThrough = EvaluatedThrough.ToDictionary(kv => Enum.Parse<VitalSignFamily>(kv.Key), kv => kv.Value),
            Due = [.. Due.Select(d => new ReadingDue(d.At, d.NoLaterThan, d.Reason, d.Rule is null ? (RuleId?)null : new RuleId(d.Rule), d.Family))],
        };
    }

    internal sealed record StoredEpisode(string Rule, EpisodeState State, DateTimeOffset FirstMetAt, DateTimeOffset LastCountedAt, DateTimeOffset? UnconfirmedAt, bool AlarmRaised);

    internal sealed record StoredDue(DateTimeOffset At, DateTimeOffset? NoLaterThan, ReadingDueReason Reason, string? Rule, VitalSignFamily? Family);
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlarmEngineState.Stored))]
internal sealed partial class AlarmEngineJson : JsonSerializerContext;

/// <summary>The result of feeding one reading to the engine.</summary>
internal sealed record EngineStep(
    AlarmEngineState State,
    IReadOnlyList<VitalSignAlarm> Alarms,
    IReadOnlyList<ClosedAlarmEpisode> Closed,
    bool Late);

/// <summary>
/// Runs the rules core (<see cref="VitalsPolicy.Evaluate"/>) over a session's readings while keeping each vital-sign
/// family in TakenAt order. Families are independent under VS-PREC-01, so a BP cuff's reading taken a little before
/// the pulse oximeter's latest value is still evaluated in order for blood pressure. A reading older than what a
/// family has already evaluated is "late" for that family: it is stored and charted, checked alone for first-reading
/// rules (CRITICAL, VS-PSY-01) so a danger sign is never lost, and never fed to the confirmation logic, so it is not
/// counted twice nor out of order.
/// </summary>
internal static class AlarmEngine
{
    public static EngineStep Feed(
        AlarmEngineState state,
        VitalsReading reading,
        MonitoringPhase phase,
        DateTimeOffset? infusionStartedAt,
        DateTimeOffset? infusionEndedAt,
        ClinicProtocol protocol,
        Func<RuleId, bool> hasUnresolvedAlarm)
    {
        var t = reading.TakenAt;
        var touched = FamiliesOf(reading);
        var late = touched.Where(f => state.EvaluatedThrough.TryGetValue(f, out var through) && t < through).ToHashSet();
        var inOrder = Restrict(reading, touched.Except(late).ToHashSet());
        var alarms = new List<VitalSignAlarm>();
        var closed = new List<ClosedAlarmEpisode>();
        var next = state;

        if (inOrder is not null)
        {
            var families = FamiliesOf(inOrder);
            var passed = state.Episodes.Where(e => families.Contains(VitalsPolicy.FamilyOf(e.Rule))).ToList();
            var evaluation = VitalsPolicy.Evaluate(inOrder, new VitalsContext(phase, StartFor(phase, infusionStartedAt), EndFor(phase, infusionEndedAt), passed), protocol);
            alarms.AddRange(evaluation.Alarms);
            closed.AddRange(evaluation.ClosedEpisodes);
            var through = new Dictionary<VitalSignFamily, DateTimeOffset>(state.EvaluatedThrough);
            foreach (var f in families)
            {
                through[f] = through.TryGetValue(f, out var old) && old > t ? old : t;
            }

            next = new AlarmEngineState
            {
                Episodes = [.. state.Episodes.Where(e => !families.Contains(VitalsPolicy.FamilyOf(e.Rule))), .. evaluation.OpenEpisodes],
                EvaluatedThrough = through,
                // The routine due and the due readings of the families just evaluated come from this evaluation.
                Due =
                [
                    .. state.Due.Where(d => d.Family is { } f && !families.Contains(f)),
                    .. evaluation.ReadingsDue.Where(d => d.Family is null || families.Contains(d.Family.Value)),
                ],
            };
        }

        // Symptoms need both of their families in order; when they could not go with the in-order part they are
        // checked with the late part, so a reported symptom is never left unevaluated.
        var lateKeep = new HashSet<VitalSignFamily>(late);
        if (reading.Symptoms is not null && inOrder?.Symptoms is null)
        {
            lateKeep.UnionWith([VitalSignFamily.BloodPressure, VitalSignFamily.Emergence]);
        }

        var lateReading = lateKeep.Count == 0 ? null : Restrict(reading, lateKeep);
        if (lateReading is not null)
        {
            // A late value alone, with no episode history: only rules that act on the first reading can fire, and
            // only when that rule has no alarm still open for the session.
            var alone = VitalsPolicy.Evaluate(lateReading, new VitalsContext(phase, StartFor(phase, infusionStartedAt), EndFor(phase, infusionEndedAt), []), protocol);
            alarms.AddRange(alone.Alarms.Where(a =>
                a.Confirmation == AlarmConfirmation.FirstReading
                && !hasUnresolvedAlarm(a.Rule)
                && !alarms.Exists(x => x.Rule == a.Rule)));
        }

        return new EngineStep(next, alarms, closed, late.Count > 0);
    }

    /// <summary>The vital-sign families a reading says something about.</summary>
    public static HashSet<VitalSignFamily> FamiliesOf(VitalsReading r)
    {
        var families = new HashSet<VitalSignFamily>();
        if (r.BloodPressure is not null || r.Symptoms is not null)
        {
            families.Add(VitalSignFamily.BloodPressure);
        }

        if (r.HeartRate is not null)
        {
            families.Add(VitalSignFamily.HeartRate);
        }

        if (r.Spo2 is not null)
        {
            families.Add(VitalSignFamily.Oxygenation);
        }

        if (r.RespiratoryRate is not null || r.ApneaObservedSeconds is not null)
        {
            families.Add(VitalSignFamily.Respiration);
        }

        if (r.Moaas is not null || r.RespondsToVoice is not null)
        {
            families.Add(VitalSignFamily.Sedation);
        }

        if (r.Symptoms is not null)
        {
            families.Add(VitalSignFamily.Emergence);
        }

        return families;
    }

    /// <summary>
    /// The part of a reading that belongs to the given families (symptoms feed both the BP family, through VS-BP-03 and
    /// VS-SYM-01, and the emergence family, so they stay only when both are kept); null when nothing is left.
    /// Temperature belongs to no alarm family and stays with the in-order part.
    /// </summary>
    public static VitalsReading? Restrict(VitalsReading r, IReadOnlySet<VitalSignFamily> keep)
    {
        var symptomsKept = r.Symptoms is not null && keep.Contains(VitalSignFamily.BloodPressure) && keep.Contains(VitalSignFamily.Emergence);
        var bp = keep.Contains(VitalSignFamily.BloodPressure) ? r.BloodPressure : null;
        var hr = keep.Contains(VitalSignFamily.HeartRate) ? r.HeartRate : null;
        var spo2 = keep.Contains(VitalSignFamily.Oxygenation) ? r.Spo2 : null;
        var rr = keep.Contains(VitalSignFamily.Respiration) ? r.RespiratoryRate : null;
        var apnea = keep.Contains(VitalSignFamily.Respiration) ? r.ApneaObservedSeconds : null;
        var moaas = keep.Contains(VitalSignFamily.Sedation) ? r.Moaas : null;
        var voice = keep.Contains(VitalSignFamily.Sedation) ? r.RespondsToVoice : null;
        var symptoms = symptomsKept ? r.Symptoms : null;
        if (bp is null && hr is null && spo2 is null && rr is null && apnea is null && moaas is null && voice is null && symptoms is null)
        {
            return null;
        }

        return new VitalsReading(r.TakenAt, bp, hr, spo2, rr, null, apnea, moaas, voice, symptoms);
    }

    private static DateTimeOffset? StartFor(MonitoringPhase phase, DateTimeOffset? start) =>
        phase == MonitoringPhase.PreInfusion ? null : start;

    private static DateTimeOffset? EndFor(MonitoringPhase phase, DateTimeOffset? end) =>
        phase == MonitoringPhase.Recovering ? end : null;
}
