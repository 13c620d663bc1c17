using System.Globalization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Demo;

/// <summary>
/// Seeds the synthetic demo clinic network on a database without an organisation: two sites with chairs and
/// opening hours, staff of every role (the contract sign-ins, all with Demo:Password), forty patients spread over
/// the journey, then every <see cref="IDemoSeedContributor"/> in order. One transaction: all of it or nothing.
/// Deterministic: a fixed random seed and dates relative to <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class DemoSeeder(
    ClinicDbContext db,
    UserManager<ClinicUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IEnumerable<IDemoSeedContributor> contributors,
    IOptions<DemoOptions> options,
    IDbContextFactory<ClinicDbContext> contexts,
    ClinicMetrics metrics,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : IDemoSeeder
{
    public const int Seed = 20_261_127;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        // On SQLite the transaction holds the write lock from the start, so two starting instances cannot both seed.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Organizations.AnyAsync(ct))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var random = new Random(Seed);

        await EnsureRolesAsync();
        var (organization, sites) = AddNetwork(random);
        var patients = AddPatients(random, now, sites);
        await db.SaveChangesAsync(ct);
        var staff = await AddStaffAsync(random, now, sites, patients);

        var clinic = new DemoClinic(
            organization.Id,
            [.. sites.Select(s => new DemoSite(s.Id, s.Name, s.TimeZone, [.. s.Chairs.Select(c => c.Id)]))],
            staff,
            [.. patients.Select(p => new DemoPatient(p.Id, p.Mrn, p.Stage, p.PrimarySiteId,
                p.Weights.OrderByDescending(w => w.MeasuredAt).Select(w => (decimal?)w.WeightKg).FirstOrDefault()))]);
        var context = new DemoSeedContext(db, clinic, clock, now);
        var ran = new List<string>();
        foreach (var contributor in contributors.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            await contributor.SeedAsync(context, ct);
            await db.SaveChangesAsync(ct);
            ran.Add(contributor.Name);
        }

        // The seed writes patient records, so it is audited like any other write, in the same transaction.
        var audit = new AuditTrail(contexts, FixedAuditActor.System("system:demo-seed"), clock, metrics);
        await audit.StageAsync(db, new AuditEntry(
            AuditActions.Create, "DemoClinic", organization.Id.ToString(), null, AuditOutcome.Success,
            string.Create(CultureInfo.InvariantCulture,
                $"synthetic demo clinic: {sites.Count} sites, {staff.Count} sign-ins, {patients.Count} patients; contributors: {(ran.Count == 0 ? "none" : string.Join(',', ran))}")));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogSeeded(logger, sites.Count, staff.Count, patients.Count, ran.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo clinic: {Sites} sites, {SignIns} sign-ins, {Patients} patients, {Contributors} contributors")]
    private static partial void LogSeeded(ILogger logger, int sites, int signIns, int patients, int contributors);

    /// <summary>A seed that does not change between runs or machines (string.GetHashCode does).</summary>
    internal static int StableSeed(string name)
    {
        unchecked
        {
            var hash = (int)2_166_136_261;
            foreach (var c in name)
            {
                hash = (hash ^ c) * 16_777_619;
            }
            return hash ^ Seed;
        }
    }

    private async Task EnsureRolesAsync()
    {
        // Startup has done this already; repeated here, on this transaction's context, so the seeder stands alone.
        foreach (var role in ClinicRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)), $"role {role}");
            }
        }
    }

    private (Organization Organization, List<Site> Sites) AddNetwork(Random random)
    {
        var organization = new Organization { Id = NextGuid(random), Name = DemoCast.OrganizationName, Website = "https://demo.example.org" };
        var sites = new List<Site>();
        foreach (var spec in DemoCast.Sites)
        {
            var site = new Site
            {
                Id = NextGuid(random),
                Organization = organization,
                Name = spec.Name,
                AddressLine = spec.AddressLine,
                City = spec.City,
                Region = spec.Region,
                PostalCode = spec.PostalCode,
                Country = "US",
                Phone = $"({spec.AreaCode}) 555-0199",
                TimeZone = spec.TimeZone,
                Latitude = spec.Latitude,
                Longitude = spec.Longitude,
                IsListedInDirectory = true,
            };
            for (var n = 1; n <= spec.Chairs; n++)
            {
                site.Chairs.Add(new Chair { Id = NextGuid(random), Label = string.Create(CultureInfo.InvariantCulture, $"Chair {n}") });
            }
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                site.OpeningHours.Add(new OpeningHours { Id = NextGuid(random), Day = day, Opens = new TimeOnly(7, 0), Closes = new TimeOnly(18, 0) });
            }
            if (spec.OpenSaturday)
            {
                site.OpeningHours.Add(new OpeningHours { Id = NextGuid(random), Day = DayOfWeek.Saturday, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(13, 0) });
            }
            organization.Sites.Add(site);
            sites.Add(site);
        }
        db.Organizations.Add(organization);
        return (organization, sites);
    }

    private List<Patient> AddPatients(Random random, DateTimeOffset now, List<Site> sites)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var nurseName = $"{DemoCast.Staff[2].DisplayName}, RN";
        var patients = new List<Patient>();
        var index = 0;
        foreach (var (stage, count) in DemoCast.Journey)
        {
            for (var k = 0; k < count; k++, index++)
            {
                var site = random.NextDouble() < 0.6 ? sites[0] : sites[1];
                var spec = DemoCast.Sites[sites.IndexOf(site)];
                var given = DemoCast.GivenNames[random.Next(DemoCast.GivenNames.Length)];
                var family = DemoCast.FamilyNames[random.Next(DemoCast.FamilyNames.Length)];
                var roll = random.NextDouble();
                var sex = roll < 0.55 ? SexAtBirth.Female : roll < 0.98 ? SexAtBirth.Male : SexAtBirth.Intersex;
                var (minDays, maxDays) = DemoCast.DaysInClinic(stage);
                var createdAt = now.AddDays(-random.Next(minDays, maxDays + 1)).AddMinutes(-random.Next(0, 600));
                var heightCm = sex == SexAtBirth.Female ? 152m + random.Next(0, 261) / 10m : 165m + random.Next(0, 281) / 10m;
                var patient = new Patient
                {
                    Id = NextGuid(random),
                    Mrn = string.Create(CultureInfo.InvariantCulture, $"KC-{100_001 + index}"),
                    GivenName = given,
                    FamilyName = family,
                    BornOn = today.AddYears(-random.Next(22, 69)).AddDays(-random.Next(0, 365)),
                    SexAtBirth = sex,
                    Phone = string.Create(CultureInfo.InvariantCulture, $"({spec.AreaCode}) 555-01{index:00}"),
                    Email = string.Create(CultureInfo.InvariantCulture, $"{given}.{family}.{index + 1}@example.org").ToLowerInvariant(),
                    HeightCm = heightCm,
                    PrimarySiteId = site.Id,
                    Stage = stage,
                    CreatedAt = createdAt,
                };
                if (DemoCast.HasEscort(stage))
                {
                    patient.EscortName = $"{DemoCast.GivenNames[random.Next(DemoCast.GivenNames.Length)]} {family}";
                    patient.EscortPhone = string.Create(CultureInfo.InvariantCulture, $"({spec.AreaCode}) 555-01{index + 50:00}");
                }
                if (stage != JourneyStage.NewReferral)
                {
                    AddWeights(random, now, patient, nurseName);
                }
                if (random.NextDouble() < 0.25)
                {
                    var (substance, reaction) = DemoCast.Allergies[random.Next(DemoCast.Allergies.Length)];
                    patient.Allergies.Add(new Allergy { Id = NextGuid(random), Substance = substance, Reaction = reaction });
                }
                patients.Add(patient);
            }
        }
        AddFlags(random, now, patients);
        db.Patients.AddRange(patients);
        return patients;
    }

    private static void AddWeights(Random random, DateTimeOffset now, Patient patient, string recordedBy)
    {
        var heightM = (double)patient.HeightCm!.Value / 100d;
        var bmi = 19.5 + random.NextDouble() * 14;
        var weightKg = Math.Round((decimal)(bmi * heightM * heightM), 1, MidpointRounding.AwayFromZero);
        // Oldest first; the latest within the last two weeks, so dosing has a current weight to use.
        var measurements = 1 + random.Next(0, 3);
        for (var m = measurements - 1; m >= 0; m--)
        {
            var daysAgo = m == 0 ? random.Next(1, 15) : 20 + 20 * m + random.Next(0, 10);
            var drift = m == 0 ? 0m : Math.Round((decimal)(random.NextDouble() * 3 - 1.5), 1, MidpointRounding.AwayFromZero);
            var measuredAt = now.AddDays(-daysAgo).AddMinutes(-random.Next(0, 480));
            if (measuredAt < patient.CreatedAt)
            {
                continue;
            }
            patient.Weights.Add(new WeightMeasurement
            {
                Id = NextGuid(random),
                WeightKg = weightKg + drift,
                MeasuredAt = measuredAt,
                RecordedBy = recordedBy,
            });
        }
        if (patient.Weights.Count == 0)
        {
            patient.Weights.Add(new WeightMeasurement { Id = NextGuid(random), WeightKg = weightKg, MeasuredAt = now.AddDays(-1), RecordedBy = recordedBy });
        }
    }

    private static void AddFlags(Random random, DateTimeOffset now, List<Patient> patients)
    {
        var physician = $"{DemoCast.Staff[1].DisplayName}, MD";
        var inInduction = patients.First(p => p.Stage == JourneyStage.Induction);
        inInduction.Flags.Add(new PatientFlag
        {
            Id = NextGuid(random),
            Kind = FlagKind.SuicideRisk,
            Priority = FlagPriority.High,
            Text = "Positive suicide-risk screen at intake; safety plan on file. Re-screen before each infusion.",
            RaisedAt = inInduction.CreatedAt.AddDays(2),
            RaisedBy = physician,
        });
        var maintenance = patients.Where(p => p.Stage == JourneyStage.Maintenance).ToList();
        maintenance[1].Flags.Add(new PatientFlag
        {
            Id = NextGuid(random),
            Kind = FlagKind.FallRisk,
            Priority = FlagPriority.Normal,
            Text = "Dizzy after infusions; walk with assistance to the escort's car.",
            RaisedAt = now.AddDays(-30),
            RaisedBy = physician,
        });
        maintenance[2].Flags.Add(new PatientFlag
        {
            Id = NextGuid(random),
            Kind = FlagKind.Other,
            Priority = FlagPriority.Normal,
            Text = "Prefers morning appointments.",
            RaisedAt = now.AddDays(-45),
            RaisedBy = physician,
        });
        var relapsed = patients.First(p => p.Stage == JourneyStage.Relapsed);
        relapsed.Flags.Add(new PatientFlag
        {
            Id = NextGuid(random),
            Kind = FlagKind.ControlledSubstanceConcern,
            Priority = FlagPriority.Normal,
            Text = "History of substance use: prescriber reviews every plan change.",
            RaisedAt = relapsed.CreatedAt.AddDays(1),
            RaisedBy = physician,
        });
        // A cleared flag, so the chart shows history as well as current flags.
        relapsed.Flags.Add(new PatientFlag
        {
            Id = NextGuid(random),
            Kind = FlagKind.SuicideRisk,
            Priority = FlagPriority.High,
            Text = "Positive screen at first assessment; resolved after safety planning.",
            RaisedAt = relapsed.CreatedAt.AddDays(2),
            ClearedAt = relapsed.CreatedAt.AddDays(30),
            RaisedBy = physician,
        });
        // One severe allergy that every infusion screen must show.
        var eligible = patients.First(p => p.Stage == JourneyStage.Eligible);
        eligible.Allergies.Clear();
        eligible.Allergies.Add(new Allergy { Id = NextGuid(random), Substance = "Midazolam", Reaction = "Paradoxical agitation", IsSevere = true });
    }

    private async Task<List<DemoStaffMember>> AddStaffAsync(Random random, DateTimeOffset now, List<Site> sites, List<Patient> patients)
    {
        var password = options.Value.Password;
        var staff = new List<DemoStaffMember>();
        string? passwordHash = null;
        foreach (var spec in DemoCast.Staff)
        {
            var siteIds = spec.WorksAt switch
            {
                DemoCast.WorkPlace.BothSites => sites.Select(s => s.Id).ToList(),
                DemoCast.WorkPlace.Riverside => [sites[0].Id],
                DemoCast.WorkPlace.Lakeview => [sites[1].Id],
            };
            var user = NewUser(random, now, spec.Email, spec.DisplayName);
            user.Credentials = spec.Credentials;
            user.LicenseNumber = spec.License;
            user.Sites = [.. siteIds.Select(id => new StaffSiteAssignment { UserId = user.Id, SiteId = id })];
            passwordHash = await CreateAsync(user, spec.Roles, password, passwordHash);
            staff.Add(new DemoStaffMember(user.Id, spec.Email, spec.DisplayName, spec.Roles, siteIds));
        }

        // The portal sign-in belongs to a patient in maintenance, whose record carries the same email.
        var patient = patients.First(p => p.Stage == JourneyStage.Maintenance);
        patient.Email = DemoCast.PatientSignIn;
        var portal = NewUser(random, now, DemoCast.PatientSignIn, $"{patient.GivenName} {patient.FamilyName}");
        portal.PatientId = patient.Id;
        await CreateAsync(portal, [ClinicRoles.Patient], password, passwordHash);
        staff.Add(new DemoStaffMember(portal.Id, DemoCast.PatientSignIn, portal.DisplayName, [ClinicRoles.Patient], []));
        return staff;
    }

    private static ClinicUser NewUser(Random random, DateTimeOffset now, string email, string displayName) => new()
    {
        Id = NextGuid(random),
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = displayName,
        CreatedAt = now,
    };

    /// <summary>Creates the account; the password is hashed once for all (hashing is deliberately slow).</summary>
    private async Task<string> CreateAsync(ClinicUser user, IEnumerable<string> userRoles, string password, string? passwordHash)
    {
        if (passwordHash is null)
        {
            foreach (var validator in users.PasswordValidators)
            {
                Check(await validator.ValidateAsync(users, user, password), "Demo:Password");
            }
            passwordHash = users.PasswordHasher.HashPassword(user, password);
        }
        user.PasswordHash = passwordHash;
        Check(await users.CreateAsync(user), user.Email!);
        Check(await users.AddToRolesAsync(user, userRoles), user.Email!);
        return passwordHash;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed failed for {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // Version 4 and the RFC 4122 variant, so the ids look like any other random id.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
