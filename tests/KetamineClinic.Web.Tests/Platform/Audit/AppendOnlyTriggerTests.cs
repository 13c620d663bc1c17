using System.Data.Common;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KetamineClinic.Web.Tests.Platform.Audit;

/// <summary>The database itself refuses to change or remove audit rows, whoever asks (Foundation: done-when).</summary>
public sealed class AppendOnlyTriggerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAuditEvents_WhenUpdatedWithRawSql_ThenTheDatabaseRefusesAndNothingChanges(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 3);

        await using var context = db.CreateContext();
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Action\" = 'export' WHERE \"Sequence\" = 2", Ct));

        Assert.Contains("AuditEvents is append-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("UPDATE", error.Message, StringComparison.Ordinal);
        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.All(chain, e => Assert.Equal(AuditActions.Read, e.Action));
        Assert.Null(AuditChain.Verify(chain));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAuditEvents_WhenDeletedWithRawSql_ThenTheDatabaseRefusesAndNothingIsRemoved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 3);

        await using var context = db.CreateContext();
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            context.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 3", Ct));

        Assert.Contains("AuditEvents is append-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("DELETE", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await AuditTestKit.ReadChainAsync(db)).Count);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAuditEvents_WhenBulkUpdatedOrDeletedThroughEf_ThenTheDatabaseRefuses(DatabaseProvider provider)
    {
        // ExecuteUpdate/ExecuteDelete bypass the change tracker, so only the trigger can stop them.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 2);

        await using var context = db.CreateContext();
        await Assert.ThrowsAnyAsync<DbException>(() =>
            context.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "rewritten"), Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => context.AuditEvents.ExecuteDeleteAsync(Ct));

        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(2, chain.Count);
        Assert.All(chain, e => Assert.Null(e.Detail));
    }

    [Fact]
    public async Task GivenPostgres_WhenAuditTableTruncated_ThenTheDatabaseRefuses()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), 2);

        await using var context = db.CreateContext();
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            context.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\"", Ct));

        Assert.Contains("AuditEvents is append-only: TRUNCATE is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await AuditTestKit.ReadChainAsync(db)).Count);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenEveryAppendOnlyEntity_WhenMigrated_ThenItsTableHasTheTriggers(DatabaseProvider provider)
    {
        // Guards the next append-only table (the controlled-substance ledger): a migration that forgets the
        // triggers, or a SQLite table rebuild that drops them, fails here.
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await using var context = db.CreateContext();
        var tables = context.Model.GetEntityTypes()
            .Where(t => typeof(IAppendOnly).IsAssignableFrom(t.ClrType))
            .Select(t => t.GetTableName()!)
            .ToList();
        Assert.Contains("AuditEvents", tables);

        var present = await TriggerNamesAsync(context, provider);
        foreach (var table in tables)
        {
            foreach (var trigger in AppendOnlyTriggers.TriggerNames(table, provider))
            {
                Assert.Contains(trigger, present);
            }
        }
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheMigrationRolledBack_WhenUpdatingAuditRows_ThenTheTriggersAreGone(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await using var context = db.CreateContext();
        var initial = context.Database.GetMigrations().First();

        await context.GetService<IMigrator>().MigrateAsync(initial, cancellationToken: Ct);

        Assert.Empty(await TriggerNamesAsync(context, provider));
        await context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Action\" = 'x'", Ct);
    }

    [Fact]
    public void GivenATableNameThatIsNotAPlainIdentifier_WhenAskingForTriggerSql_ThenRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => AppendOnlyTriggers.CreateSql("Audit\"; DROP TABLE x; --", DatabaseProvider.Sqlite));
        Assert.Equal("table", error.ParamName);
    }

    [Fact]
    public void GivenAnUnknownProvider_WhenMigrating_ThenRefusedRatherThanUnprotected()
    {
        Assert.Throws<NotSupportedException>(() => AppendOnlyTriggers.ProviderOf("Microsoft.EntityFrameworkCore.SqlServer"));
    }

    private static async Task<List<string>> TriggerNamesAsync(ClinicDbContext context, DatabaseProvider provider)
    {
        var sql = provider switch
        {
            DatabaseProvider.Sqlite => "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'",
            DatabaseProvider.Postgres => "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal",
        };
        return await context.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct);
    }
}
