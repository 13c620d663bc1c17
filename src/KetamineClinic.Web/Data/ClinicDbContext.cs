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

    // One chain writer per process; across processes the database lock (PostgreSQL advisory lock) serialises.
    private static readonly SemaphoreSlim AuditChainLock = new(1, 1);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }

    /// <summary>Serialises the audit chain (PostgreSQL: transaction-scoped advisory lock). SQLite has one writer.</summary>
    protected virtual Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the audit chain is written asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var audit = ChangeTracker.Entries<AuditEvent>().ToList();
        if (audit.Exists(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: audit events cannot be changed or deleted.");
        }
        var added = audit.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await AuditChainLock.WaitAsync(cancellationToken);
        try
        {
            var ownTransaction = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken)
                : null;
            await using (ownTransaction)
            {
                await LockAuditChainAsync(cancellationToken);
                var last = await AuditEvents.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(cancellationToken);
                var sequence = last?.Sequence ?? 0;
                var previous = last?.Hash ?? AuditChain.Genesis;
                foreach (var e in added)
                {
                    e.Sequence = ++sequence;
                    e.PreviousHash = previous;
                    e.Hash = AuditChain.ComputeHash(e);
                    previous = e.Hash;
                }
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
                return written;
            }
        }
        finally
        {
            AuditChainLock.Release();
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
