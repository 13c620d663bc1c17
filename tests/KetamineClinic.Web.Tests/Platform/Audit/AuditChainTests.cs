using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Tests.Platform.Audit;

/// <summary>Verification names the first broken link: the sequence number and the reason.</summary>
public sealed class AuditChainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnAlteredCopyOfTheChain_WhenVerified_ThenTheAlteredEventIsNamed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 5);
        var chain = await AuditTestKit.ReadChainAsync(db);

        chain[2].PatientId = Guid.Parse("11111111-2222-3333-4444-555555555555");

        var broken = AuditChain.Verify(chain);
        Assert.Equal(new AuditChainBreak(3, "content does not match its hash (the row was altered)"), broken);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenACopyWithAMissingEvent_WhenVerified_ThenTheMissingSequenceIsNamed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 5);
        var chain = await AuditTestKit.ReadChainAsync(db);

        chain.RemoveAt(1);

        var broken = AuditChain.Verify(chain);
        Assert.Equal(2, broken!.Sequence);
        Assert.Equal("event 2 is missing (the next stored event is 3)", broken.Reason);
    }

    [Fact]
    public void GivenARehashedAlteredEvent_WhenVerified_ThenTheNextLinkBreaks()
    {
        // Whoever alters a row and recomputes its hash still breaks the link to the event after it.
        var chain = Chain(4);
        chain[1].Detail = "forged";
        chain[1].Hash = AuditChain.ComputeHash(chain[1]);

        var broken = AuditChain.Verify(chain);

        Assert.Equal(new AuditChainBreak(3, "previous-hash does not match the event before it"), broken);
    }

    [Fact]
    public void GivenAnEmptyChain_WhenVerified_ThenIntact()
    {
        Assert.Null(AuditChain.Verify([]));
    }

    [Fact]
    public void GivenTheFirstEventMissing_WhenVerified_ThenSequenceOneIsNamed()
    {
        var broken = AuditChain.Verify(Chain(3).Skip(1));

        Assert.Equal(1, broken!.Sequence);
    }

    [Fact]
    public void GivenEveryFieldOfAnEvent_WhenAnyChanges_ThenTheHashChanges()
    {
        var original = Chain(1)[0];
        var baseline = AuditChain.ComputeHash(original);
        var variants = new List<Action<AuditEvent>>
        {
            e => e.Sequence = 2,
            e => e.OccurredAt = e.OccurredAt.AddMilliseconds(1),
            e => e.UserId = Guid.Empty,
            e => e.UserName = "other",
            e => e.Role = "Admin",
            e => e.Action = AuditActions.Export,
            e => e.ResourceType = "Chair",
            e => e.ResourceId = "x",
            e => e.PatientId = null,
            e => e.Outcome = AuditOutcome.Denied,
            e => e.ClientAddress = "10.0.0.9",
            e => e.Detail = "d",
            e => e.PreviousHash = new string('f', 64),
        };
        foreach (var change in variants)
        {
            var copy = Copy(original);
            change(copy);
            Assert.NotEqual(baseline, AuditChain.ComputeHash(copy));
        }
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenARowAlteredInTheDatabaseBehindTheTriggersBack_WhenVerified_ThenTheChainNamesIt(DatabaseProvider provider)
    {
        // The triggers stop the application and ordinary SQL; a table owner can still switch them off.
        // The hash chain is what catches that.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 6);
        await using (var context = db.CreateContext())
        {
            await DisableTriggersAsync(context, provider);
            await context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"UserName\" = 'someone-else' WHERE \"Sequence\" = 4", Ct);
        }

        var report = await new AuditChainVerifier(db.Factory()).VerifyAsync(Ct);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.IntactEvents);
        Assert.Equal(4, report.FirstBreak!.Sequence);
        Assert.Equal("audit chain broken at event 4: content does not match its hash (the row was altered)", report.Describe());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenARowDeletedInTheDatabaseBehindTheTriggersBack_WhenVerified_ThenTheGapIsNamed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 6);
        await using (var context = db.CreateContext())
        {
            await DisableTriggersAsync(context, provider);
            await context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 2", Ct);
        }

        var report = await new AuditChainVerifier(db.Factory()).VerifyAsync(Ct);

        Assert.Equal(new AuditChainBreak(2, "event 2 is missing (the next stored event is 3)"), report.FirstBreak);
        Assert.Equal(1, report.IntactEvents);
    }

    private static async Task DisableTriggersAsync(ClinicDbContext context, DatabaseProvider provider)
    {
        foreach (var sql in provider switch
        {
            DatabaseProvider.Sqlite => AppendOnlyTriggers.DropSql("AuditEvents", provider),
            DatabaseProvider.Postgres => ["ALTER TABLE \"AuditEvents\" DISABLE TRIGGER USER"],
        })
        {
            await context.Database.ExecuteSqlRawAsync(sql, Ct);
        }
    }

    private static List<AuditEvent> Chain(int count)
    {
        var list = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditEvent
            {
                Sequence = i,
                OccurredAt = AuditTestKit.Start.AddMinutes(i),
                UserId = Guid.Parse("7b4a0a52-4f7c-4f7e-9d5a-3a0f1c2b6d11"),
                UserName = "nurse@test.example.org",
                Role = "Nurse",
                Action = AuditActions.Read,
                ResourceType = "Patient",
                ResourceId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PatientId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                ClientAddress = "127.0.0.1",
                PreviousHash = previous,
                Hash = string.Empty,
            };
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
            list.Add(e);
        }
        return list;
    }

    private static AuditEvent Copy(AuditEvent e) => new()
    {
        Sequence = e.Sequence,
        OccurredAt = e.OccurredAt,
        UserId = e.UserId,
        UserName = e.UserName,
        Role = e.Role,
        Action = e.Action,
        ResourceType = e.ResourceType,
        ResourceId = e.ResourceId,
        PatientId = e.PatientId,
        Outcome = e.Outcome,
        ClientAddress = e.ClientAddress,
        Detail = e.Detail,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };
}
