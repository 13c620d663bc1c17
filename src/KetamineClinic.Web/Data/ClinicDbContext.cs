using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
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
    : ClinicDbContext(options);
