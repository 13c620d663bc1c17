using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Infusions;

public sealed class VitalsPipelineTests
{
    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenBatchWithAnImpossibleSpo2_WhenIngested_ThenRefusedWithReasonAndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        var faults = new List<SessionUpdate>();
        using var sub = s.Broadcaster.SubscribeToSite(s.Clinic.SiteId, u => { lock (faults) { faults.Add(u); } return Task.CompletedTask; });

        var result = await s.IngestAsync(s.DeviceBatch(0,
            Bp("r1", T0.AddMinutes(4), 120, 80),
            Values("r2", T0.AddMinutes(5), new VitalValues { Spo2Percent = 45, HeartRatePerMin = 80 })));

        var refused = Assert.IsType<VitalsIngestionResult.Refused>(result);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((1, "r2", "spo2"), (problem.Index, problem.IdempotencyKey, problem.Field));
        Assert.Contains("SpO2 45 %", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, await s.ReadingCountAsync());
        await using var db = s.Db();
        Assert.False(await db.Set<AuditEvent>().AnyAsync(e => e.ResourceType == "VitalReading", TestContext.Current.CancellationToken));
        // The nurse still learns that the device sent something impossible.
        await Eventually(() => faults.OfType<DeviceFault>().Any(f => f.Problems.Any(p => p.Contains("SpO2 45", StringComparison.Ordinal))));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheSameIdempotencyIdResent_WhenIngested_ThenStoredOnceAndReportedAsDuplicate(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        var batch = s.DeviceBatch(0, Bp("bp-1", T0.AddMinutes(10), 128, 82), Values("hr-1", T0.AddMinutes(10), new VitalValues { HeartRatePerMin = 76, Spo2Percent = 98 }));

        var first = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(batch));
        var second = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(batch));

        Assert.Equal([ReadingDisposition.Stored, ReadingDisposition.Stored], first.Readings.Select(r => r.Disposition));
        Assert.Equal([ReadingDisposition.Duplicate, ReadingDisposition.Duplicate], second.Readings.Select(r => r.Disposition));
        Assert.Equal(first.Readings.Select(r => r.ReadingId), second.Readings.Select(r => r.ReadingId));
        Assert.Equal(2, await s.ReadingCountAsync());
        await using var db = s.Db();
        // One audit event per stored batch, the device as the actor; the resend wrote nothing.
        var audit = Assert.Single(await db.Set<AuditEvent>().Where(e => e.ResourceType == "VitalReading").ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal("device:Monitor 1", audit.UserName);
        Assert.Equal(s.Clinic.PatientIds[0], audit.PatientId);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAResentIdWithDifferentValues_WhenIngested_ThenRefusedAndTheFirstReadingKept(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Bp("bp-1", T0.AddMinutes(10), 128, 82))));

        var result = await s.IngestAsync(s.DeviceBatch(0, Bp("bp-1", T0.AddMinutes(10), 150, 82)));

        var refused = Assert.IsType<VitalsIngestionResult.Refused>(result);
        Assert.Equal("id", Assert.Single(refused.Problems).Field);
        await using var db = s.Db();
        Assert.Equal(128, (await db.Set<VitalReading>().SingleAsync(TestContext.Current.CancellationToken)).SystolicMmHg);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-BP-02")]
    [Trait("Vector", "TV-32")]
    public async Task GivenSbp184ConfirmedOnRepeat_WhenInfusing_ThenVsBp02AlertStoredWithVsBp01Suppressed(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(33));

        var first = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Bp("a", T0.AddMinutes(30), 184, 104))));
        var repeat = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Bp("b", T0.AddMinutes(33), 184, 104))));

        Assert.Empty(first.RaisedAlarms);
        var raised = Assert.Single(repeat.RaisedAlarms);
        Assert.Equal(("VS-BP-02", AlarmSeverity.Alert, T0.AddMinutes(33)), (raised.RuleId, raised.Severity, raised.EventTime));
        Assert.Contains(AlarmAction.PauseInfusion, raised.Actions);
        var stored = Assert.Single(await s.AlarmsAsync(session));
        Assert.Equal(AlarmState.Raised, stored.State);
        Assert.Equal("VS-BP-01", stored.SuppressedRules);
        Assert.Equal(AlarmConfirmation.Confirmed, stored.Confirmation);
        Assert.Equal("H", stored.Interpretation);
        // ALERT escalates after 5 min unacknowledged (protocol default), counted from the event.
        Assert.Equal(T0.AddMinutes(38), stored.EscalatesAt);
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == session, TestContext.Current.CancellationToken);
        // While VS-BP-02 is active the BP is due every 5 minutes (§4.2).
        Assert.Equal(T0.AddMinutes(38), row.NextReadingDueAt);
        Assert.Equal(ReadingDueReason.IntensiveBp, row.NextReadingDueReason);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-CONF-01")]
    public async Task GivenABatchInReverseTimeOrder_WhenIngested_ThenEvaluatedInTakenAtOrder(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(34));

        var result = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0,
            Bp("late", T0.AddMinutes(33), 184, 104),
            Bp("early", T0.AddMinutes(30), 184, 104))));

        // Outcomes come back in request order; the alarm's event time is the later (confirming) reading.
        Assert.Equal(["late", "early"], result.Readings.Select(r => r.IdempotencyKey));
        Assert.Equal(T0.AddMinutes(33), Assert.Single(result.RaisedAlarms).EventTime);
        await using var db = s.Db();
        Assert.All(await db.Set<VitalReading>().Where(r => r.SessionId == session).ToListAsync(TestContext.Current.CancellationToken), r => Assert.Equal(ReadingEvaluation.InOrder, r.Evaluation));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAReadingOlderThanOneAlreadyEvaluated_WhenIngested_ThenStoredAsLateAndNotCountedTowardsConfirmation(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(34));
        Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Bp("now", T0.AddMinutes(33), 184, 104))));

        // A buffered BP from three minutes earlier arrives afterwards: it must not confirm the episode backwards.
        var late = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Bp("buffered", T0.AddMinutes(30), 184, 104))));

        Assert.Empty(late.RaisedAlarms);
        Assert.Empty(await s.AlarmsAsync(session));
        await using var db = s.Db();
        var stored = await db.Set<VitalReading>().Where(r => r.SessionId == session).OrderBy(r => r.TakenAt).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([ReadingEvaluation.Late, ReadingEvaluation.InOrder], stored.Select(r => r.Evaluation));
        // Other families keep their own order: an SpO2 taken before the latest BP is still in order for oxygenation.
        var spo2 = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Values("ox", T0.AddMinutes(31), new VitalValues { Spo2Percent = 97 }))));
        Assert.Equal(ReadingDisposition.Stored, Assert.Single(spo2.Readings).Disposition);
        Assert.Equal(ReadingEvaluation.InOrder, (await db.Set<VitalReading>().SingleAsync(r => r.IdempotencyKey == "ox", TestContext.Current.CancellationToken)).Evaluation);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-SPO2-02")]
    public async Task GivenALateCriticalSpo2_WhenIngested_ThenItStillRaisesItsFirstReadingAlarm(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Values("ox-now", T0.AddMinutes(12), new VitalValues { Spo2Percent = 97 }))));

        var late = Assert.IsType<VitalsIngestionResult.Accepted>(await s.IngestAsync(s.DeviceBatch(0, Values("ox-buffered", T0.AddMinutes(11), new VitalValues { Spo2Percent = 86 }))));

        var alarm = Assert.Single(late.RaisedAlarms);
        Assert.Equal(("VS-SPO2-02", AlarmSeverity.Critical), (alarm.RuleId, alarm.Severity));
        Assert.Single(await s.AlarmsAsync(session));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenNoPatientInTheChair_WhenADeviceSends_ThenNoOpenSessionAndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);

        var result = await s.IngestAsync(s.DeviceBatch(1, Bp("x", T0, 120, 80)));

        Assert.IsType<VitalsIngestionResult.NoOpenSession>(result);
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenReadingsTakenBeforeCheckInOrFarInTheFuture_WhenIngested_ThenRefused(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();

        var result = await s.IngestAsync(s.DeviceBatch(0, Bp("old", T0.AddMinutes(-1), 120, 80), Bp("future", T0.AddMinutes(3), 120, 80)));

        var refused = Assert.IsType<VitalsIngestionResult.Refused>(result);
        Assert.Equal(["old", "future"], refused.Problems.Select(p => p.IdempotencyKey));
        Assert.All(refused.Problems, p => Assert.Equal("takenAt", p.Field));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-BP-02")]
    public async Task GivenAnAlertNotAcknowledged_WhenItsTimePasses_ThenEscalatedAndBroadcast(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(33));
        await s.IngestAsync(s.DeviceBatch(0, Bp("a", T0.AddMinutes(30), 184, 104), Bp("b", T0.AddMinutes(33), 184, 104)));
        var escalations = new List<AlarmView>();
        using var sub = s.Broadcaster.SubscribeToSession(session, u =>
        {
            if (u is AlarmChanged { Alarm.State: AlarmState.Escalated } c)
            {
                lock (escalations) { escalations.Add(c.Alarm); }
            }

            return Task.CompletedTask;
        });

        s.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        await s.EscalateAsync();
        Assert.Equal(AlarmState.Raised, Assert.Single(await s.AlarmsAsync(session)).State);

        // 5 min after the event: the background service (on the same fake clock) escalates it.
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => { lock (escalations) { return escalations.Count == 1; } });
        var alarm = Assert.Single(await s.AlarmsAsync(session));
        Assert.Equal((AlarmState.Escalated, T0.AddMinutes(38)), (alarm.State, alarm.EscalatedAt));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-SPO2-02")]
    public async Task GivenCriticalAlarmsOnTwoChairs_WhenNobodyAcknowledgesForTwoMinutes_ThenBothEscalatedEachAudited(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var first = await s.StartInfusionAsync(0);
        var second = await s.StartInfusionAsync(1);
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        await s.IngestAsync(s.DeviceBatch(0, Values("ox-a", T0.AddMinutes(10), new VitalValues { Spo2Percent = 86 })));
        await s.IngestAsync(s.DeviceBatch(1, Values("ox-b", T0.AddMinutes(10), new VitalValues { Spo2Percent = 85 })));

        // CRITICAL escalates after 2 min (protocol default).
        s.Clock.Advance(TimeSpan.FromMinutes(2));
        await s.EscalateAsync();

        var alarms = (await s.AlarmsAsync(first)).Concat(await s.AlarmsAsync(second)).ToList();
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a => Assert.Equal((AlarmState.Escalated, T0.AddMinutes(12)), (a.State, a.EscalatedAt)));
        await using var db = s.Db();
        var audits = await db.Set<AuditEvent>().Where(e => e.ResourceType == "VitalAlarm").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, audits.Count);
        Assert.All(audits, e => Assert.Equal("system:alarm-escalation", e.UserName));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnEscalatedAlarm_WhenANurseAcknowledgesAndTheBpClears_ThenResolved(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(33));
        await s.IngestAsync(s.DeviceBatch(0, Bp("a", T0.AddMinutes(30), 184, 104), Bp("b", T0.AddMinutes(33), 184, 104)));
        s.Clock.Advance(TimeSpan.FromMinutes(6));
        await s.EscalateAsync();
        var alarm = Assert.Single(await s.AlarmsAsync(session));

        Assert.IsType<AcknowledgeResult.NotAllowed>(await s.AcknowledgeAsync(alarm.Id, "looked", FrontDesk));
        Assert.IsType<AcknowledgeResult.ActionRequired>(await s.AcknowledgeAsync(alarm.Id, "  ", Nurse));
        var ack = Assert.IsType<AcknowledgeResult.Acknowledged>(await s.AcknowledgeAsync(alarm.Id, "Paused infusion, physician notified", Nurse));
        Assert.IsType<AcknowledgeResult.AlreadyAcknowledged>(await s.AcknowledgeAsync(alarm.Id, "again", Physician));
        Assert.Equal((AlarmState.Acknowledged, "nurse@test.clinic"), (ack.Alarm.State, ack.Alarm.AcknowledgedByName));

        // The BP is back under 180/110 and 160/100: the episode clears and the acknowledged alarm resolves.
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await s.IngestAsync(s.DeviceBatch(0, Bp("c", T0.AddMinutes(44), 150, 90)));
        var resolved = Assert.Single(await s.AlarmsAsync(session));
        Assert.Equal(AlarmState.Resolved, resolved.State);
        Assert.Equal(T0.AddMinutes(44), resolved.ConditionClearedAt);
        Assert.Equal(T0.AddMinutes(39), resolved.EscalatedAt);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-SYM-01")]
    public async Task GivenAManualReadingWithEveryValue_WhenStored_ThenEveryColumnReadsBackAndTheSymptomRaisesItsAlarm(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(12));
        var values = new VitalValues
        {
            SystolicMmHg = 150,
            DiastolicMmHg = 95,
            HeartRatePerMin = 84,
            Spo2Percent = 95,
            OnOxygen = true,
            RespiratoryRatePerMin = 14,
            TemperatureDeciCelsius = 368,
            ApneaSeconds = 0,
            Moaas = 4,
            RespondsToVoice = true,
            Symptoms = ReportedSymptoms.ChestPain,
        };

        var result = await s.IngestAsync(new VitalsBatch(
            VitalsSourceKind.Manual, new VitalsTarget.OfSession(session), new VitalsSender.Clinician(Nurse.UserId, Nurse.Name, "Nurse"),
            [Values("form-1", T0.AddMinutes(11), values)]));

        var accepted = Assert.IsType<VitalsIngestionResult.Accepted>(result);
        // TV-82: chest pain at 150/95 is CRITICAL VS-SYM-01 on the first report.
        Assert.Equal(("VS-SYM-01", AlarmSeverity.Critical), (Assert.Single(accepted.RaisedAlarms).RuleId, accepted.RaisedAlarms[0].Severity));
        await using var db = s.Db();
        var r = await db.Set<VitalReading>().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(accepted.Readings[0].ReadingId, r.Id);
        Assert.Equal((session, (Guid?)null, (Guid?)Nurse.UserId, VitalsSourceKind.Manual), (r.SessionId, r.DeviceId, r.EnteredByUserId, r.Source));
        Assert.Equal(($"user:{Nurse.UserId:N}", "form-1"), (r.SenderKey, r.IdempotencyKey));
        Assert.Equal((T0.AddMinutes(11), T0.AddMinutes(12)), (r.TakenAt, r.ReceivedAt));
        Assert.Equal(values, new VitalValues
        {
            SystolicMmHg = r.SystolicMmHg,
            DiastolicMmHg = r.DiastolicMmHg,
            HeartRatePerMin = r.HeartRatePerMin,
            Spo2Percent = r.Spo2Percent,
            OnOxygen = r.OnOxygen,
            RespiratoryRatePerMin = r.RespiratoryRatePerMin,
            TemperatureDeciCelsius = r.TemperatureDeciCelsius,
            ApneaSeconds = r.ApneaSeconds,
            Moaas = r.Moaas,
            RespondsToVoice = r.RespondsToVoice,
            Symptoms = r.Symptoms,
        });
        Assert.Equal(ReadingEvaluation.InOrder, r.Evaluation);
        // Queryable by the board's index and by its enum columns like any EF-written row.
        Assert.Equal(1, await db.Set<VitalReading>().CountAsync(x => x.SessionId == session && x.Source == VitalsSourceKind.Manual && x.TakenAt > T0, TestContext.Current.CancellationToken));
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.ResourceType == "VitalReading", TestContext.Current.CancellationToken);
        Assert.Equal((Nurse.Name, (Guid?)Nurse.UserId), (audit.UserName, audit.UserId));
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "The expected update did not arrive within 5 s.");
    }
}
