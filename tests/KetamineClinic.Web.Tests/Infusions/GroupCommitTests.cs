using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Infusions;

/// <summary>
/// Group commit in the vitals writer: batches that queue while the writer is busy commit in one transaction, and
/// every caller still gets exactly what it would have got alone. The writer is held while the batches queue, so
/// they form one group deterministically.
/// </summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTwentyConcurrentBatchesFromFourChairs_WhenMergedInOneTransaction_ThenEachStoredOnceAndEachCallerGetsItsOwnOutcomes(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider, chairs: 4);
        for (var c = 0; c < 4; c++)
        {
            await s.StartInfusionAsync(c);
        }

        s.Clock.Advance(TimeSpan.FromMinutes(10));
        var writer = Writer(s);
        var before = writer.Stats;
        var batches = Enumerable.Range(0, 20).Select(b => s.DeviceBatch(b % 4,
            [.. Enumerable.Range(0, 3).Select(r => Values($"b{b}-r{r}", T0.AddMinutes(5).AddSeconds((b * 3) + r), new VitalValues { HeartRatePerMin = 70 + r, Spo2Percent = 97 }))])).ToList();

        List<Task<VitalsIngestionResult>> tasks;
        using (await writer.HoldAsync())
        {
            tasks = [.. batches.Select(s.IngestAsync)];
            await VitalsPipelineTests.Eventually(() => writer.Queued == batches.Count);
        }

        var results = await Task.WhenAll(tasks);

        Assert.Equal((before.Groups + 1, before.Batches + 20, before.Fallbacks), (writer.Stats.Groups, writer.Stats.Batches, writer.Stats.Fallbacks));
        for (var b = 0; b < batches.Count; b++)
        {
            var accepted = Assert.IsType<VitalsIngestionResult.Accepted>(results[b]);
            Assert.Equal(batches[b].Readings.Select(r => r.IdempotencyKey), accepted.Readings.Select(r => r.IdempotencyKey));
            Assert.All(accepted.Readings, r => Assert.Equal(ReadingDisposition.Stored, r.Disposition));
        }

        await using var db = s.Db();
        var stored = await db.Set<VitalReading>().ToListAsync(Ct);
        Assert.Equal(60, stored.Count);
        // Each caller's reading ids are the rows stored under its own keys, on its own chair's session.
        var byKey = stored.ToDictionary(r => (r.SenderKey, r.IdempotencyKey));
        for (var b = 0; b < batches.Count; b++)
        {
            var accepted = (VitalsIngestionResult.Accepted)results[b];
            Assert.All(accepted.Readings, r =>
            {
                var row = byKey[(batches[b].Sender.Key, r.IdempotencyKey)];
                Assert.Equal((row.Id, accepted.SessionId), (r.ReadingId, row.SessionId));
            });
        }

        // One audit event per original batch, the device as the actor, and the chain still verifies.
        var audits = await db.Set<AuditEvent>().Where(e => e.ResourceType == "VitalReading").ToListAsync(Ct);
        Assert.Equal(20, audits.Count);
        Assert.Equal(5, audits.Count(e => e.UserName == "device:Monitor 1"));
        Assert.All(audits, e => Assert.Equal("3 reading(s) via Http; 0 alarm(s) raised", e.Detail));
        Assert.True((await s.App.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Ct)).IsIntact);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheSameIdempotencyIdInTwoBatchesOfOneGroup_WhenMerged_ThenOneRowTheOtherADuplicateAndADifferentValueRefused(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        var writer = Writer(s);
        var first = s.DeviceBatch(0, Bp("dup-1", T0.AddMinutes(9), 128, 82), Bp("own-a", T0.AddMinutes(9).AddSeconds(1), 126, 80));
        var resend = s.DeviceBatch(0, Bp("dup-1", T0.AddMinutes(9), 128, 82), Bp("own-b", T0.AddMinutes(9).AddSeconds(2), 124, 80));
        var conflicting = s.DeviceBatch(0, Bp("dup-1", T0.AddMinutes(9), 150, 82), Bp("own-c", T0.AddMinutes(9).AddSeconds(3), 122, 80));

        Task<VitalsIngestionResult> a, b, c;
        using (await writer.HoldAsync())
        {
            // Queued one after another, so the arrival order (which batch is "first") is known.
            a = s.IngestAsync(first);
            await VitalsPipelineTests.Eventually(() => writer.Queued == 1);
            b = s.IngestAsync(resend);
            await VitalsPipelineTests.Eventually(() => writer.Queued == 2);
            c = s.IngestAsync(conflicting);
            await VitalsPipelineTests.Eventually(() => writer.Queued == 3);
        }

        var stored = Assert.IsType<VitalsIngestionResult.Accepted>(await a);
        var duplicate = Assert.IsType<VitalsIngestionResult.Accepted>(await b);
        var refused = Assert.IsType<VitalsIngestionResult.Refused>(await c);
        Assert.Equal([ReadingDisposition.Stored, ReadingDisposition.Stored], stored.Readings.Select(r => r.Disposition));
        Assert.Equal([ReadingDisposition.Duplicate, ReadingDisposition.Stored], duplicate.Readings.Select(r => r.Disposition));
        Assert.Equal(stored.Readings[0].ReadingId, duplicate.Readings[0].ReadingId);
        Assert.Equal(("dup-1", "id"), (Assert.Single(refused.Problems).IdempotencyKey, refused.Problems[0].Field));
        await using var db = s.Db();
        // The refused batch stored nothing, not even its other reading; the duplicate was stored once.
        Assert.Equal(["dup-1", "own-a", "own-b"], (await db.Set<VitalReading>().Select(r => r.IdempotencyKey).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(128, (await db.Set<VitalReading>().SingleAsync(r => r.IdempotencyKey == "dup-1", Ct)).SystolicMmHg);
        Assert.Equal(2, await db.Set<AuditEvent>().CountAsync(e => e.ResourceType == "VitalReading", Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAPoisonedBatchInAGroup_WhenTheMergedTransactionFails_ThenTheOthersAreStoredAndOnlyItsCallerFails(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider, chairs: 3);
        for (var c = 0; c < 3; c++)
        {
            await s.StartInfusionAsync(c);
        }

        s.Clock.Advance(TimeSpan.FromMinutes(10));
        await PoisonAsync(s, provider);
        var writer = Writer(s);
        var before = writer.Stats;
        var good = Enumerable.Range(0, 3).Select(c => s.DeviceBatch(c, Bp($"good-{c}", T0.AddMinutes(9), 120 + c, 80))).ToList();
        var poisoned = s.DeviceBatch(1, Bp("fine-too", T0.AddMinutes(9).AddSeconds(5), 121, 80), Bp("poison", T0.AddMinutes(9).AddSeconds(6), 122, 80));

        List<Task<VitalsIngestionResult>> goodTasks;
        Task<VitalsIngestionResult> poisonedTask;
        using (await writer.HoldAsync())
        {
            goodTasks = [s.IngestAsync(good[0]), s.IngestAsync(good[1])];
            poisonedTask = s.IngestAsync(poisoned);
            goodTasks.Add(s.IngestAsync(good[2]));
            await VitalsPipelineTests.Eventually(() => writer.Queued == 4);
        }

        var results = await Task.WhenAll(goodTasks);
        await Assert.ThrowsAsync<DbUpdateException>(() => poisonedTask);

        Assert.All(results, r => Assert.Equal(ReadingDisposition.Stored, Assert.Single(Assert.IsType<VitalsIngestionResult.Accepted>(r).Readings).Disposition));
        Assert.Equal(before.Fallbacks + 1, writer.Stats.Fallbacks);
        await using var db = s.Db();
        // All or nothing still holds for the poisoned batch: its good reading is not stored either.
        Assert.Equal(["good-0", "good-1", "good-2"], (await db.Set<VitalReading>().Select(r => r.IdempotencyKey).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(3, await db.Set<AuditEvent>().CountAsync(e => e.ResourceType == "VitalReading", Ct));
        Assert.True((await s.App.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Ct)).IsIntact);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-BP-02")]
    [Trait("Rule", "VS-SPO2-02")]
    [Trait("Rule", "VS-CONF-01")]
    public async Task GivenReadingsThatRaiseAndClearAlarms_WhenMergedInOneGroup_ThenTheSameAlarmsAsIngestedOneByOne(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var sequential = await s.StartInfusionAsync(0);
        var merged = await s.StartInfusionAsync(1);
        s.Clock.Advance(TimeSpan.FromMinutes(45));
        var writer = Writer(s);
        // BP 184/104 confirmed on repeat (VS-BP-02), a critical SpO2 (VS-SPO2-02, first reading), an unconfirmed high
        // HR, then the BP back to normal (the episode clears); one batch out of order inside itself.
        IncomingReading[][] readings =
        [
            [Bp("bp-1", T0.AddMinutes(30), 184, 104)],
            [Values("ox-1", T0.AddMinutes(31), new VitalValues { Spo2Percent = 86, HeartRatePerMin = 125 })],
            [Bp("bp-2", T0.AddMinutes(33), 184, 104), Values("ox-2", T0.AddMinutes(32), new VitalValues { Spo2Percent = 97, HeartRatePerMin = 80 })],
            [Bp("bp-3", T0.AddMinutes(38), 181, 100)],
            [Bp("bp-4", T0.AddMinutes(44), 150, 90), Values("ox-3", T0.AddMinutes(44), new VitalValues { Spo2Percent = 98, HeartRatePerMin = 78 })],
        ];

        var oneByOne = new List<VitalsIngestionResult>();
        foreach (var batch in readings)
        {
            oneByOne.Add(await s.IngestAsync(s.DeviceBatch(0, batch)));
        }

        var tasks = new List<Task<VitalsIngestionResult>>();
        using (await writer.HoldAsync())
        {
            foreach (var batch in readings)
            {
                tasks.Add(s.IngestAsync(s.DeviceBatch(1, batch)));
                var queued = tasks.Count;
                await VitalsPipelineTests.Eventually(() => writer.Queued == queued);
            }
        }

        var together = await Task.WhenAll(tasks);

        // Each caller is told of the alarms its own readings raised, as when ingested alone.
        Assert.Equal(RaisedRules(oneByOne), RaisedRules(together));
        Assert.Contains("VS-BP-02", RaisedRules(together).SelectMany(r => r));
        Assert.Contains("VS-SPO2-02", RaisedRules(together).SelectMany(r => r));
        Assert.Equal(await AlarmsAsync(s, sequential), await AlarmsAsync(s, merged));
        Assert.Equal(await EvaluationsAsync(s, sequential), await EvaluationsAsync(s, merged));
        Assert.Equal(await TimelineAsync(s, sequential), await TimelineAsync(s, merged));
        await using var db = s.Db();
        var rows = await db.Set<InfusionSession>().Where(x => x.Id == sequential || x.Id == merged).ToDictionaryAsync(x => x.Id, Ct);
        Assert.Equal(
            (rows[sequential].AlarmStateJson, rows[sequential].NextReadingDueAt, rows[sequential].NextReadingDueReason, rows[sequential].LastReadingAt),
            (rows[merged].AlarmStateJson, rows[merged].NextReadingDueAt, rows[merged].NextReadingDueReason, rows[merged].LastReadingAt));
    }

    private static VitalsWriter Writer(InfusionDayScenario s) => s.App.Services.GetRequiredService<VitalsWriter>();

    private static List<string[]> RaisedRules(IEnumerable<VitalsIngestionResult> results) =>
        [.. results.Select(r => Assert.IsType<VitalsIngestionResult.Accepted>(r).RaisedAlarms.Select(a => a.RuleId).Order(StringComparer.Ordinal).ToArray())];

    private static async Task<List<string>> AlarmsAsync(InfusionDayScenario s, Guid session) =>
        [.. (await s.AlarmsAsync(session)).Select(a =>
            $"{a.RuleId} {a.Severity} {a.State} {a.Confirmation} event {a.EventTime:O} first {a.FirstMetAt:O} cleared {a.ConditionClearedAt:O} escalates {a.EscalatesAt:O} suppressed {a.SuppressedRules} {a.Message}")
            .Order(StringComparer.Ordinal)];

    private static async Task<List<string>> EvaluationsAsync(InfusionDayScenario s, Guid session)
    {
        await using var db = s.Db();
        return [.. (await db.Set<VitalReading>().Where(r => r.SessionId == session).ToListAsync(Ct))
            .Select(r => $"{r.IdempotencyKey} {r.Evaluation}").Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> TimelineAsync(InfusionDayScenario s, Guid session)
    {
        await using var db = s.Db();
        return [.. (await db.Set<SessionEvent>().Where(e => e.SessionId == session && e.Kind != SessionEventKind.PhaseChanged).ToListAsync(Ct))
            .Select(e => $"{e.Kind} {e.RuleId} {e.Reason}").Order(StringComparer.Ordinal)];
    }

    /// <summary>A database failure for one reading: the insert of the key "poison" is aborted by a trigger.</summary>
    private static async Task PoisonAsync(InfusionDayScenario s, DatabaseProvider provider)
    {
        await using var db = s.Db();
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(
                """CREATE TRIGGER kc_poison BEFORE INSERT ON "VitalReadings" WHEN NEW."IdempotencyKey" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned reading'); END;""", Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE FUNCTION kc_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."IdempotencyKey" = 'poison' THEN RAISE EXCEPTION 'poisoned reading'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER kc_poison BEFORE INSERT ON "VitalReadings" FOR EACH ROW EXECUTE FUNCTION kc_poison();
                """, Ct);
        }
    }
}
