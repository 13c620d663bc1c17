using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;

namespace KetamineClinic.Web.Features.Demo;

/// <summary>
/// A feature's part of the demo clinic (appointments, infusion history, ledger...). Contributors run in
/// <see cref="Order"/> after the core seed (organisation, sites, chairs, staff, patients), in the same transaction:
/// if one fails, nothing of the demo clinic is stored. Register with
/// <c>services.AddDemoSeedContributor&lt;T&gt;()</c> from the feature's Add* method.
/// </summary>
public interface IDemoSeedContributor
{
    /// <summary>Lower runs first; ties run by <see cref="Name"/>. Leave gaps (100, 200...) for later features.</summary>
    int Order { get; }

    /// <summary>Stable name; also seeds <see cref="DemoSeedContext.RandomFor"/>.</summary>
    string Name { get; }

    /// <summary>Adds this feature's demo data to <see cref="DemoSeedContext.Db"/>; the seeder saves after each contributor.</summary>
    Task SeedAsync(DemoSeedContext context, CancellationToken ct);
}

/// <summary>What a contributor gets: the open unit of work, the core clinic, and the seed's clock.</summary>
public sealed class DemoSeedContext
{
    internal DemoSeedContext(ClinicDbContext db, DemoClinic clinic, TimeProvider clock, DateTimeOffset seededAt)
    {
        Db = db;
        Clinic = clinic;
        Clock = clock;
        SeededAt = seededAt;
    }

    /// <summary>The context of the seed's transaction. Add entities here; do not open another context (SQLite would wait for this one's lock).</summary>
    public ClinicDbContext Db { get; }

    public DemoClinic Clinic { get; }

    public TimeProvider Clock { get; }

    /// <summary>The instant the seed started; date demo data relative to it ("yesterday's infusion").</summary>
    public DateTimeOffset SeededAt { get; }

    /// <summary>A deterministic random source per contributor name, independent of other contributors.</summary>
    public Random RandomFor(string contributor) => new(DemoSeeder.StableSeed(contributor));
}

/// <summary>The core demo clinic, for contributors to build on.</summary>
public sealed record DemoClinic(
    Guid OrganizationId,
    IReadOnlyList<DemoSite> Sites,
    IReadOnlyList<DemoStaffMember> Staff,
    IReadOnlyList<DemoPatient> Patients)
{
    public DemoStaffMember StaffMember(string email) =>
        Staff.FirstOrDefault(s => string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No demo staff member {email}.", nameof(email));

    public IEnumerable<DemoPatient> InStage(JourneyStage stage) => Patients.Where(p => p.Stage == stage);
}

public sealed record DemoSite(Guid Id, string Name, string TimeZone, IReadOnlyList<Guid> ChairIds);

public sealed record DemoStaffMember(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> SiteIds);

public sealed record DemoPatient(Guid Id, string Mrn, JourneyStage Stage, Guid SiteId, decimal? LatestWeightKg);
