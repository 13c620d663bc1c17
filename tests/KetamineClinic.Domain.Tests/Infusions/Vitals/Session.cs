using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Feeds readings through <see cref="VitalsPolicy.Evaluate"/> carrying the open episodes forward, as the ingestion pipeline does.</summary>
internal sealed class Session(MonitoringPhase phase = MonitoringPhase.Infusing, ClinicProtocol? protocol = null)
{
    private readonly ClinicProtocol _protocol = protocol ?? ClinicProtocol.Default;

    public MonitoringPhase Phase { get; set; } = phase;

    public DateTimeOffset InfusionStartedAt { get; set; } = Readings.T0;

    public DateTimeOffset InfusionEndedAt { get; set; } = Readings.At(40);

    public IReadOnlyList<AlarmEpisode> Episodes { get; set; } = [];

    public List<VitalSignAlarm> AllAlarms { get; } = [];

    public VitalsEvaluation Feed(VitalsReading reading)
    {
        var context = new VitalsContext(
            Phase,
            Phase == MonitoringPhase.PreInfusion ? null : InfusionStartedAt,
            Phase == MonitoringPhase.Recovering ? InfusionEndedAt : null,
            Episodes);
        var evaluation = VitalsPolicy.Evaluate(reading, context, _protocol);
        Episodes = evaluation.OpenEpisodes;
        AllAlarms.AddRange(evaluation.Alarms);
        return evaluation;
    }

    public VitalsEvaluation FeedAll(params VitalsReading[] readings)
    {
        VitalsEvaluation? last = null;
        foreach (var reading in readings)
        {
            last = Feed(reading);
        }

        return last!;
    }

    public AlarmEpisode? Episode(Domain.Rules.RuleId rule) => Episodes.SingleOrDefault(e => e.Rule == rule);
}
