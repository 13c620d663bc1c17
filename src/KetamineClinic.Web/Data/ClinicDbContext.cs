using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Data;

/// <summary>
/// The unit of work. One abstract context, one subclass per provider, each with its own migrations
/// (design.md §4). Entity mappings live in each feature's folder as IEntityTypeConfiguration classes.
/// </summary>
public abstract class ClinicDbContext(DbContextOptions options)
    : IdentityDbContext<ClinicUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Chair> Chairs => Set<Chair>();
    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();
    public DbSet<StaffSiteAssignment> StaffSiteAssignments => Set<StaffSiteAssignment>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<WeightMeasurement> WeightMeasurements => Set<WeightMeasurement>();
    public DbSet<Allergy> Allergies => Set<Allergy>();
    public DbSet<PatientFlag> PatientFlags => Set<PatientFlag>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    // In-process queue for the chain when this context owns the transaction. It is never held while a caller's
    // own transaction is open: that transaction may already hold the database lock, and waiting for the queue
    // while holding it would deadlock against a writer that holds the queue and waits for the lock.
    private static readonly SemaphoreSlim AuditChainQueue = new(1, 1);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // OAuth 2.0 clients and tokens of the FHIR API (OpenIddict's EF Core stores, string keys).
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }

    /// <summary>
    /// Serialises chain writers across connections and processes until the transaction ends.
    /// PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing more is needed, because the transaction
    /// is begun IMMEDIATE (Microsoft.Data.Sqlite's default), which takes the database's single write lock
    /// before the chain head is read.
    /// </summary>
    protected virtual Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the audit chain is written asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToAppendOnlyRows();
        var added = ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            // The caller's transaction: the lock is taken inside it and held until the caller commits.
            await ChainAsync(added, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await AuditChainQueue.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            await ChainAsync(added, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            AuditChainQueue.Release();
        }
    }

    /// <summary>Gives staged events the next gapless sequence numbers and their chain hashes (inside the lock).</summary>
    private async Task ChainAsync(List<AuditEvent> added, CancellationToken ct)
    {
        await LockAuditChainAsync(ct);
        var last = await AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        foreach (var e in added)
        {
            // Hash exactly what the database will give back, or verification reports false breaks.
            e.OccurredAt = AuditChain.NormalizeTime(e.OccurredAt);
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
        }
    }

    private void RefuseChangesToAppendOnlyRows()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IAppendOnly && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AppendOnlyViolationException(
                    entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name,
                    entry.State == EntityState.Modified ? "UPDATE" : "DELETE");
            }
        }
    }
}

/// <summary>Embedded default: SQLite in WAL mode.</summary>
public sealed class SqliteClinicDbContext(DbContextOptions<SqliteClinicDbContext> options) : ClinicDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset in SQL; store UTC instants as sortable integers.
        configurationBuilder
            .Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder
            .Properties<DateTimeOffset?>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresClinicDbContext(DbContextOptions<PostgresClinicDbContext> options)
    : ClinicDbContext(options)
{
    // Arbitrary constant naming the audit chain's advisory lock.
    private const long AuditChainLockKey = 7_300_001;

    protected override Task LockAuditChainAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", ct);
}
