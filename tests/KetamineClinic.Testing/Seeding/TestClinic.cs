using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Testing.Seeding;

/// <summary>What <see cref="TestClinic.SeedAsync"/> created: two sites, one sign-in per role, one patient sign-in.</summary>
public sealed record SeededClinic(
    Guid OrganizationId,
    SeededSite Riverside,
    SeededSite Hillcrest,
    IReadOnlyDictionary<string, Guid> UserIdsByRole,
    Guid PortalPatientId)
{
    public Guid UserId(string role) => UserIdsByRole[role];
}

public sealed record SeededSite(Guid Id, string Name, IReadOnlyList<string> Chairs);

/// <summary>
/// Synthetic clinic for web and browser tests, written through Identity's UserManager and the app's DbContext on the
/// factory's own database. Not the demo seed (that is the app's job): known e-mails and one known password.
/// </summary>
public static class TestClinic
{
    /// <summary>Meets the password policy (12+ characters, upper, lower, digit).</summary>
    public const string Password = "Test-Clinic-Pass-2026";

    public const string OrganizationName = "Lakeside Ketamine Clinics";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@test.clinic";

    public static string DisplayNameFor(string role) => role switch
    {
        ClinicRoles.Admin => "Alex Admin",
        ClinicRoles.Physician => "Dr. Priya Raman",
        ClinicRoles.Nurse => "Nora Quinn",
        ClinicRoles.FrontDesk => "Frank Desmond",
        ClinicRoles.Pharmacist => "Phil Okafor",
        ClinicRoles.Patient => "Pat Example",
        _ => role,
    };

    /// <summary>Creates the organisation, sites, chairs and one sign-in per role (the patient's linked to a record).</summary>
    public static async Task<SeededClinic> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var organization = new Organization { Name = OrganizationName, Website = "https://lakeside.example" };
        var riverside = NewSite(organization, "Riverside", "Boston", ["Chair 1", "Chair 2", "Chair 3", "Chair 10"]);
        var hillcrest = NewSite(organization, "Hillcrest", "Cambridge", ["Bay A", "Bay B"]);
        hillcrest.Chairs[1].IsActive = false;
        var portalPatient = new Patient
        {
            Mrn = "KC-900001",
            GivenName = "Pat",
            FamilyName = "Example",
            BornOn = new DateOnly(1988, 4, 12),
            SexAtBirth = SexAtBirth.Female,
            PrimarySiteId = riverside.Id,
            Stage = JourneyStage.IntakeInProgress,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Organizations.Add(organization);
            db.Patients.Add(portalPatient);
            await db.SaveChangesAsync(ct);
        }

        var users = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var role in ClinicRoles.Staff)
        {
            // The administrator sees every site anyway; the nurse works at both (a site selector to test).
            Guid[] sites = role is ClinicRoles.Nurse ? [riverside.Id, hillcrest.Id] : [riverside.Id];
            var user = await AddUserAsync(services, EmailFor(role), DisplayNameFor(role), [role], sites, credentials: Credential(role), ct: ct);
            users[role] = user;
        }
        users[ClinicRoles.Patient] = await AddUserAsync(
            services, EmailFor(ClinicRoles.Patient), DisplayNameFor(ClinicRoles.Patient), [ClinicRoles.Patient], [], patientId: portalPatient.Id, ct: ct);

        return new SeededClinic(
            organization.Id,
            new SeededSite(riverside.Id, riverside.Name, [.. riverside.Chairs.Select(c => c.Label)]),
            new SeededSite(hillcrest.Id, hillcrest.Name, [.. hillcrest.Chairs.Select(c => c.Label)]),
            users,
            portalPatient.Id);
    }

    /// <summary>Adds a sign-in with <see cref="Password"/> (or none when <paramref name="password"/> is null).</summary>
    public static async Task<Guid> AddUserAsync(
        IServiceProvider services,
        string email,
        string displayName,
        IReadOnlyCollection<string> roles,
        IReadOnlyCollection<Guid> siteIds,
        string? password = Password,
        bool disabled = false,
        Guid? patientId = null,
        string? credentials = null,
        CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(await roleManager.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() }));
            }
        }
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var user = new ClinicUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            Credentials = credentials,
            IsDisabled = disabled,
            PatientId = patientId,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            Sites = [.. siteIds.Select(id => new StaffSiteAssignment { SiteId = id })],
        };
        Check(password is null ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, password));
        Check(await userManager.AddToRolesAsync(user, roles));
        return user.Id;
    }

    private static string? Credential(string role) => role switch
    {
        ClinicRoles.Physician => "MD",
        ClinicRoles.Nurse => "RN",
        ClinicRoles.Pharmacist => "PharmD",
        _ => null,
    };

    private static Site NewSite(Organization organization, string name, string city, string[] chairs)
    {
        var site = new Site
        {
            Name = name,
            AddressLine = "1 Example Street",
            City = city,
            Region = "MA",
            PostalCode = "02110",
            Phone = "+1 617 555 0100",
            TimeZone = "America/New_York",
            Organization = organization,
        };
        site.Chairs.AddRange(chairs.Select(label => new Chair { Label = label, SiteId = site.Id }));
        organization.Sites.Add(site);
        return site;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Test seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
