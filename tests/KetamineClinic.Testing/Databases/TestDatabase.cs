using KetamineClinic.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KetamineClinic.Testing.Databases;

/// <summary>
/// A throwaway, migrated database of one provider. SQLite: a temp file. PostgreSQL: a fresh database on the
/// server named by KC_TEST_POSTGRES (e.g. "Host=127.0.0.1;Port=55432;Username=postgres"), dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "KC_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server for tests, or null when none is configured (outside CI).</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Skips the calling test with a clear message when the provider is not available here.</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres && PostgresServer is null)
        {
            Assert.Skip($"PostgreSQL test skipped: set {PostgresVariable} to a server connection string (./test.sh does).");
        }
    }

    /// <summary>Creates an empty database (not migrated).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, CancellationToken ct = default)
    {
        SkipUnlessAvailable(provider);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(Path.GetTempPath(), $"kc-test-{Guid.NewGuid():N}.db");
                var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
                return new TestDatabase(provider, cs, file, null, null);
            case DatabaseProvider.Postgres:
                var admin = PostgresServer!;
                var name = $"kc_test_{Guid.NewGuid():N}";
                await using (var conn = new NpgsqlConnection(admin))
                {
                    await conn.OpenAsync(ct);
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                var pcs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
                return new TestDatabase(provider, pcs, null, admin, name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    /// <summary>Creates a database and applies the provider's real migrations.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider, CancellationToken ct = default)
    {
        var db = await CreateEmptyAsync(provider, ct);
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync(ct);
        return db;
    }

    public ClinicDbContext CreateContext()
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                var so = new DbContextOptionsBuilder<SqliteClinicDbContext>();
                PersistenceRegistration.ConfigureSqlite(so, ConnectionString);
                return new SqliteClinicDbContext(so.Options);
            case DatabaseProvider.Postgres:
                var po = new DbContextOptionsBuilder<PostgresClinicDbContext>();
                PersistenceRegistration.ConfigurePostgres(po, ConnectionString);
                return new PostgresClinicDbContext(po.Options);
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                if (File.Exists(f))
                {
                    File.Delete(f);
                }
            }
        }
        if (_postgresAdmin is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Theory data: every test body runs on both providers (design.md §4).</summary>
public sealed class AllProviders : TheoryData<DatabaseProvider>
{
    public AllProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
