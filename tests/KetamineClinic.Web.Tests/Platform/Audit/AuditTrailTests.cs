using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Web.Tests.Platform.Audit;

public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAStoredAuditEvent_WhenChangedThroughEf_ThenSaveIsRefused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 1);

        await using var context = db.CreateContext();
        var stored = await context.AuditEvents.SingleAsync(Ct);
        stored.Action = AuditActions.Export;

        var error = await Assert.ThrowsAsync<AppendOnlyViolationException>(() => context.SaveChangesAsync(Ct));
        Assert.Equal("AuditEvents", error.EntityName);
        Assert.Equal("UPDATE", error.Operation);
        Assert.Equal(AuditActions.Read, (await AuditTestKit.ReadChainAsync(db)).Single().Action);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAStoredAuditEvent_WhenRemovedThroughEf_ThenSaveIsRefused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 1);

        await using var context = db.CreateContext();
        context.AuditEvents.Remove(await context.AuditEvents.SingleAsync(Ct));

        var error = await Assert.ThrowsAsync<AppendOnlyViolationException>(() => context.SaveChangesAsync(Ct));
        Assert.Equal("DELETE", error.Operation);
        Assert.Single(await AuditTestKit.ReadChainAsync(db));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenADetachedAuditEvent_WhenAttachedAsModified_ThenSaveIsRefused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 1);
        var copy = (await AuditTestKit.ReadChainAsync(db)).Single();
        copy.Outcome = AuditOutcome.Denied;

        await using var context = db.CreateContext();
        context.Update(copy);

        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => context.SaveChangesAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenFiftyConcurrentRecords_WhenAllFinish_ThenTheChainIsGaplessAndVerifies(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var trail = AuditTestKit.Trail(db);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => trail.RecordAsync(AuditTestKit.ChartRead(i), Ct), Ct)));

        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.Equal(50, chain.Select(e => e.ResourceId).Distinct(StringComparer.Ordinal).Count());
        Assert.Null(AuditChain.Verify(chain));
        var report = await new AuditChainVerifier(db.Factory()).VerifyAsync(Ct);
        Assert.True(report.IsIntact);
        Assert.Equal(50, report.IntactEvents);
        Assert.Equal(chain[^1].Hash, report.HeadHash);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTwoEventsStagedInOneUnitOfWork_WhenSaved_ThenBothAreChainedInOrder(DatabaseProvider provider)
    {
        // A write that touches two patients stages two events before one SaveChanges.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var trail = AuditTestKit.Trail(db);
        await using var context = db.CreateContext();

        await trail.StageAsync(context, AuditTestKit.ChartRead(1));
        await trail.StageAsync(context, AuditTestKit.ChartRead(2));
        await context.SaveChangesAsync(Ct);

        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal([1L, 2L], chain.Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(chain));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenConcurrentWritersInTheirOwnTransactions_WhenAllCommit_ThenTheDatabaseLockKeepsTheChainGapless(DatabaseProvider provider)
    {
        // A caller's own transaction bypasses the in-process queue: only the database lock (SQLite's write lock,
        // PostgreSQL's advisory lock) serialises these writers, as it would across processes.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var trail = AuditTestKit.Trail(db);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var context = db.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            await trail.StageAsync(context, AuditTestKit.ChartRead(i));
            await context.SaveChangesAsync(Ct);
            await trail.StageAsync(context, AuditTestKit.ChartRead(100 + i));
            await context.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }, Ct)));

        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(chain));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAWriteWithItsStagedAuditEvent_WhenTheWriteFails_ThenNeitherIsStored(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var site = await AuditTestKit.AddSiteAsync(db);
        var trail = AuditTestKit.Trail(db);
        await using (var first = db.CreateContext())
        {
            var patient = AuditTestKit.NewPatient(site.Id, "MRN-1");
            first.Add(patient);
            await trail.StageAsync(first, new AuditEntry(AuditActions.Create, "Patient", patient.Id.ToString(), patient.Id));
            await first.SaveChangesAsync(Ct);
        }

        // Same MRN: the unique index fails the write after the audit row was given its place in the chain.
        await using (var second = db.CreateContext())
        {
            var duplicate = AuditTestKit.NewPatient(site.Id, "MRN-1");
            second.Add(duplicate);
            await trail.StageAsync(second, new AuditEntry(AuditActions.Create, "Patient", duplicate.Id.ToString(), duplicate.Id));
            await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));
        }

        await using var check = db.CreateContext();
        Assert.Equal(1, await check.Patients.CountAsync(Ct));
        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Single(chain);
        // The failed attempt consumed no sequence number: the next event is 2.
        await trail.RecordAsync(AuditTestKit.ChartRead(), Ct);
        Assert.Equal([1L, 2L], (await AuditTestKit.ReadChainAsync(db)).Select(e => e.Sequence));
        Assert.Null(AuditChain.Verify(await AuditTestKit.ReadChainAsync(db)));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAWriteWithItsStagedAuditEvent_WhenSaved_ThenBothAreStoredInOneChainLink(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var site = await AuditTestKit.AddSiteAsync(db);
        var trail = AuditTestKit.Trail(db);

        await using (var context = db.CreateContext())
        {
            var patient = AuditTestKit.NewPatient(site.Id, "MRN-7");
            context.Add(patient);
            await trail.StageAsync(context, new AuditEntry(AuditActions.Create, "Patient", patient.Id.ToString(), patient.Id));
            await context.SaveChangesAsync(Ct);
        }

        await using var check = db.CreateContext();
        var stored = await check.Patients.SingleAsync(Ct);
        var audit = Assert.Single(await AuditTestKit.ReadChainAsync(db));
        Assert.Equal(stored.Id, audit.PatientId);
        Assert.Equal(AuditActions.Create, audit.Action);
        Assert.Equal("nurse@test.example.org", audit.UserName);
        Assert.Equal("Nurse", audit.Role);
        Assert.Equal("127.0.0.1", audit.ClientAddress);
        Assert.Equal(AuditChain.Genesis, audit.PreviousHash);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAClockWithSubMillisecondTicks_WhenRecordedAndReadBack_ThenTheHashStillMatches(DatabaseProvider provider)
    {
        // PostgreSQL keeps microseconds and the SQLite mapping 0.1 ms; the chain hashes ticks.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var clock = new FakeTimeProvider(AuditTestKit.Start.AddTicks(1_234_567));
        var trail = AuditTestKit.Trail(db, clock);

        await trail.RecordAsync(AuditTestKit.ChartRead(1), Ct);
        clock.Advance(TimeSpan.FromTicks(9_999));
        await trail.RecordAsync(AuditTestKit.ChartRead(2), Ct);

        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(AuditTestKit.Start.AddMilliseconds(123), chain[0].OccurredAt);
        Assert.Equal(AuditTestKit.Start.AddMilliseconds(124), chain[1].OccurredAt);
        Assert.Equal(TimeSpan.Zero, chain[0].OccurredAt.Offset);
        Assert.Null(AuditChain.Verify(chain));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnOverlongDetail_WhenRecorded_ThenItIsCutToTheColumnAndStillVerifies(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        var trail = AuditTestKit.Trail(db);

        await trail.RecordAsync(new AuditEntry(AuditActions.Search, "Patient", new string('r', 500), null, AuditOutcome.Success, new string('d', 5000)), Ct);

        var stored = Assert.Single(await AuditTestKit.ReadChainAsync(db));
        Assert.Equal(1000, stored.Detail!.Length);
        Assert.Equal(200, stored.ResourceId!.Length);
        Assert.Null(AuditChain.Verify([stored]));
    }

    [Fact]
    public void GivenALocalTimeWithTicks_WhenNormalised_ThenUtcWholeMilliseconds()
    {
        var local = new DateTimeOffset(2026, 3, 1, 9, 15, 30, 999, TimeSpan.FromHours(-5)).AddTicks(9_999);

        var normal = AuditChain.NormalizeTime(local);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 14, 15, 30, 999, TimeSpan.Zero), normal);
        Assert.Equal(TimeSpan.Zero, normal.Offset);
    }
}
