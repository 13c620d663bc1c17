using CsCheck;
using KetamineClinic.Domain.Infusions.Vitals;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Invariants of the alarm policy over random sessions (CsCheck).</summary>
public sealed class VitalsPolicyPropertyTests
{
    private static readonly Gen<ReportedSymptoms?> AnySymptoms =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, (1 << 10) - 1], (kind, flags) => kind switch
        {
            0 => (ReportedSymptoms?)null,
            1 => ReportedSymptoms.None,
            _ => (ReportedSymptoms)flags,
        });

    private static readonly Gen<VitalsReading> AnyReading =
        Gen.Select(
            Gen.Select(Gen.Int[40, 300], Gen.Int[20, 200], Gen.Bool, (s, d, has) => has && d < s ? new BloodPressure(s, d) : (BloodPressure?)null),
            Gen.Select(Gen.Int[20, 300], Gen.Bool, (hr, has) => has ? new HeartRate(hr) : (HeartRate?)null),
            Gen.Select(Gen.Int[50, 100], Gen.Bool, Gen.Bool, (p, o2, has) => has ? new Spo2(p, o2 ? OxygenSupport.SupplementalOxygen : OxygenSupport.RoomAir) : (Spo2?)null),
            Gen.Select(Gen.Int[0, 80], Gen.Bool, (rr, has) => has ? new RespiratoryRate(rr) : (RespiratoryRate?)null),
            Gen.Select(Gen.Int[0, 40], Gen.Bool, (a, has) => has ? a : (int?)null),
            Gen.Select(Gen.Int[0, 5], Gen.Bool, (m, has) => has ? new MoaasScore(m) : (MoaasScore?)null),
            AnySymptoms,
            Gen.Int[0, 240],
            (bp, hr, spo2, rr, apnea, moaas, symptoms, seconds) =>
                new VitalsReading(
                    T0.AddSeconds(seconds),
                    bp,
                    hr,
                    spo2,
                    rr,
                    null,
                    apnea,
                    moaas,
                    null,
                    symptoms ?? (bp is null && hr is null && spo2 is null && rr is null && apnea is null && moaas is null ? ReportedSymptoms.None : null)));

    /// <summary>Values inside every alarm threshold: SBP ≤ 160, DBP ≤ 100, HR 50–110, SpO₂ &gt; 92 % on room air / ≥ 94 % on O₂, RR ≥ 8, apnea &lt; 20 s, MOAA/S ≥ 3, no symptom.</summary>
    private static readonly Gen<VitalsReading> NormalReading =
        Gen.Select(
            Gen.Select(Gen.Int[90, 160], Gen.Int[50, 100], (s, d) => new BloodPressure(s, Math.Min(d, s - 1))),
            Gen.Int[50, 110],
            Gen.Select(Gen.Int[93, 100], Gen.Bool, (p, o2) => o2 ? new Spo2(Math.Max(p, 94), OxygenSupport.SupplementalOxygen) : new Spo2(p, OxygenSupport.RoomAir)),
            Gen.Int[8, 40],
            Gen.Int[0, 19],
            Gen.Int[3, 5],
            Gen.Bool,
            Gen.Int[0, 240],
            (bp, hr, spo2, rr, apnea, moaas, symptomsAssessed, seconds) =>
                new VitalsReading(
                    T0.AddSeconds(seconds),
                    bp,
                    new HeartRate(hr),
                    spo2,
                    new RespiratoryRate(rr),
                    null,
                    apnea,
                    new MoaasScore(moaas),
                    true,
                    symptomsAssessed ? ReportedSymptoms.None : null));

    private static IEnumerable<VitalsReading> InTimeOrder(VitalsReading[] readings)
    {
        // Space readings at least as far apart as generated offsets, in order, over a session of up to 2 h.
        var t = T0.AddMinutes(1);
        foreach (var r in readings)
        {
            t = t.AddSeconds((r.TakenAt - T0).TotalSeconds + 1);
            yield return new VitalsReading(t, r.BloodPressure, r.HeartRate, r.Spo2, r.RespiratoryRate, r.Temperature, r.ApneaObservedSeconds, r.Moaas, r.RespondsToVoice, r.Symptoms);
        }
    }

    [Fact]
    [Trait("Rule", "VS-PREC-01")]
    public void GivenAnySessionOfReadings_WhenEvaluated_ThenNeverTwoAlarmsOfOneFamilyAndNeverAnAlarmAlreadyActive() =>
        Gen.Select(AnyReading.Array[1, 30], Gen.Enum<MonitoringPhase>()).Sample((readings, phase) =>
        {
            var session = new Session(phase);
            foreach (var reading in InTimeOrder(readings))
            {
                var before = session.Episodes;
                var evaluation = session.Feed(reading);
                Assert.Equal(evaluation.Alarms.Count, evaluation.Alarms.Select(a => a.Family).Distinct().Count());
                Assert.All(evaluation.Alarms, a => Assert.DoesNotContain(before, e => e.Rule == a.Rule && e.State == EpisodeState.Active));
                Assert.All(evaluation.Alarms, a => Assert.Equal(reading.TakenAt, a.EventTime));
                Assert.All(evaluation.Alarms, a => Assert.DoesNotContain(a.Rule, a.SuppressedRules));
                Assert.Equal(evaluation.OpenEpisodes.Count, evaluation.OpenEpisodes.Select(e => e.Rule).Distinct().Count());
                Assert.True(evaluation.ReadingsDue.SequenceEqual(evaluation.ReadingsDue.OrderBy(d => d.At).ThenBy(d => d.Reason)));
            }
        });

    [Fact]
    public void GivenReadingsWithinEveryNormalRange_WhenEvaluatedInAnyPhase_ThenNeverAnAlarmOrEpisode() =>
        Gen.Select(NormalReading.Array[1, 30], Gen.Enum<MonitoringPhase>()).Sample((readings, phase) =>
        {
            var session = new Session(phase);
            foreach (var reading in InTimeOrder(readings))
            {
                var evaluation = session.Feed(reading);
                Assert.Empty(evaluation.Alarms);
                Assert.Empty(evaluation.OpenEpisodes);
                Assert.Empty(evaluation.Suppressed);
            }
        });

    [Fact]
    [Trait("Rule", "VS-CONF-01")]
    public void GivenAnyCriticalFirstReading_WhenInfusing_ThenAlarmRaisedOnThatReading() =>
        AnyReading.Sample(reading =>
        {
            var evaluation = new Session().Feed(reading);
            Assert.All(
                evaluation.Alarms.Where(a => a.Severity == AlarmSeverity.Critical),
                a => Assert.Equal(AlarmConfirmation.FirstReading, a.Confirmation));
            Assert.All(
                evaluation.Alarms.Where(a => a.Severity != AlarmSeverity.Critical),
                a => Assert.Equal(VitalsPolicy.VsPsy01, a.Rule));
        });
}
