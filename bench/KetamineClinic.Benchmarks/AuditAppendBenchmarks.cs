using BenchmarkDotNet.Attributes;
using KetamineClinic.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Benchmarks;

/// <summary>
/// Audit append throughput to SQLite through the real ClinicDbContext (chain head lookup, hashing, insert, commit)
/// on a migrated temp file in WAL mode, as the app runs it. Per-operation times are per event.
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private const int Batch = 100;
    private string _file = string.Empty;
    private DbContextOptions<SqliteClinicDbContext> _options = null!;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"kc-bench-{Guid.NewGuid():N}.db");
        var builder = new DbContextOptionsBuilder<SqliteClinicDbContext>();
        PersistenceRegistration.ConfigureSqlite(builder, new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ToString());
        _options = builder.Options;
        await using var db = new SqliteClinicDbContext(_options);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>One event per SaveChanges: what IAuditTrail.RecordAsync does for a read or a search.</summary>
    [Benchmark(OperationsPerInvoke = 1, Description = "append 1 event per commit (per event)")]
    public async Task<int> AppendOne()
    {
        await using var db = new SqliteClinicDbContext(_options);
        db.Add(AuditEvents.Read(++_next));
        return await db.SaveChangesAsync();
    }

    /// <summary>A hundred events in one SaveChanges: a bulk export or an import that audits per row.</summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "append 100 events per commit (per event)")]
    public async Task<int> AppendBatch()
    {
        await using var db = new SqliteClinicDbContext(_options);
        for (var i = 0; i < Batch; i++)
        {
            var e = AuditEvents.Read(++_next);
            // Sequence is the key and is only assigned at SaveChanges, so several staged events in one context
            // need distinct placeholder keys or EF refuses to track the second (reported to web-core).
            e.Sequence = -(i + 1);
            db.Add(e);
        }
        return await db.SaveChangesAsync();
    }
}
