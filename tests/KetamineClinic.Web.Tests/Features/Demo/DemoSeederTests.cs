using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Demo;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Web.Tests.Features.Demo;

public sealed class DemoSeederTests
{
    private static readonly DateTimeOffset SeedClock = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The real app on a fresh database of the provider, demo on, the clock fixed; extra services optional.</summary>
    private static async Task<(ClinicAppFactory Factory, WebApplicationFactory<Program> App)> StartAsync(
        DatabaseProvider provider, bool demo = true, Action<IServiceCollection>? services = null)
    {
        var factory = await ClinicAppFactory.CreateAsync(provider, demo);
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(SeedClock));
            services?.Invoke(s);
        }));
        _ = app.Services; // starts: migrate, roles, seed
        return (factory, app);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenANewDatabase_WhenTheDemoClinicIsSeeded_ThenTwoSitesWithChairsAndOpeningHours(DatabaseProvider provider)
    {
        var (factory, _) = await StartAsync(provider);
        await using var __ = factory;

        await using var db = factory.Database.CreateContext();
        var organization = await db.Organizations.Include(o => o.Sites).ThenInclude(s => s.Chairs)
            .Include(o => o.Sites).ThenInclude(s => s.OpeningHours).SingleAsync(Ct);
        Assert.Equal("Ketamine Clinic Demo Network", organization.Name);
        var sites = organization.Sites.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["Lakeview Infusion Center", "Riverside Infusion Center"], sites.Select(s => s.Name));
        Assert.Equal([4, 6], sites.Select(s => s.Chairs.Count));
        Assert.Equal(["America/Chicago", "America/Los_Angeles"], sites.Select(s => s.TimeZone));
        Assert.All(sites, s => Assert.NotNull(s.Latitude));
        Assert.Equal(5, sites[0].OpeningHours.Count);
        var riversideSaturday = Assert.Single(sites[1].OpeningHours, h => h.Day == DayOfWeek.Saturday);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(13, 0)), (riversideSaturday.Opens, riversideSaturday.Closes));
        Assert.All(sites[1].OpeningHours.Where(h => h.Day != DayOfWeek.Saturday), h => Assert.Equal((new TimeOnly(7, 0), new TimeOnly(18, 0)), (h.Opens, h.Closes)));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheDemoClinic_WhenTheContractSignInsUseTheDemoPassword_ThenEachSignsInWithItsRole(DatabaseProvider provider)
    {
        var (factory, app) = await StartAsync(provider);
        await using var __ = factory;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var password = new DemoOptions().Password;
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["admin@demo.clinic"] = ClinicRoles.Admin,
            ["physician@demo.clinic"] = ClinicRoles.Physician,
            ["nurse@demo.clinic"] = ClinicRoles.Nurse,
            ["nurse2@demo.clinic"] = ClinicRoles.Nurse,
            ["frontdesk@demo.clinic"] = ClinicRoles.FrontDesk,
            ["pharmacist@demo.clinic"] = ClinicRoles.Pharmacist,
            ["patient@demo.clinic"] = ClinicRoles.Patient,
        };

        foreach (var (email, role) in expected)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, password), email);
            Assert.False(await users.CheckPasswordAsync(user, password + "x"), email);
            Assert.Equal([role], await users.GetRolesAsync(user));
            Assert.False(user.MustChangePassword);
        }

        await using var db = factory.Database.CreateContext();
        var patientUser = await db.Users.SingleAsync(u => u.Email == "patient@demo.clinic", Ct);
        var patient = await db.Patients.SingleAsync(p => p.Id == patientUser.PatientId, Ct);
        Assert.Equal("patient@demo.clinic", patient.Email);
        var physician = await db.Users.Include(u => u.Sites).SingleAsync(u => u.Email == "physician@demo.clinic", Ct);
        Assert.Equal("MD", physician.Credentials);
        Assert.Equal(2, physician.Sites.Count);
        Assert.Equal("PharmD", (await db.Users.SingleAsync(u => u.Email == "pharmacist@demo.clinic", Ct)).Credentials);
        Assert.Single((await db.Users.Include(u => u.Sites).SingleAsync(u => u.Email == "nurse@demo.clinic", Ct)).Sites);
        // Extra staff beyond the contract: a second physician and a medical director.
        var physicians = await users.GetUsersInRoleAsync(ClinicRoles.Physician);
        Assert.Equal(3, physicians.Count);
        Assert.Contains(physicians, u => u.Credentials!.Contains("Medical Director", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheDemoClinic_WhenCountingPatients_ThenFortySpreadOverTheJourneyWithCurrentWeights(DatabaseProvider provider)
    {
        var (factory, _) = await StartAsync(provider);
        await using var __ = factory;

        await using var db = factory.Database.CreateContext();
        var patients = await db.Patients.Include(p => p.Weights).Include(p => p.Flags).Include(p => p.Allergies).ToListAsync(Ct);
        Assert.Equal(40, patients.Count);
        JourneyStage[] required = [JourneyStage.NewReferral, JourneyStage.IntakeInProgress, JourneyStage.Eligible, JourneyStage.Induction, JourneyStage.Maintenance, JourneyStage.Relapsed];
        foreach (var stage in required)
        {
            Assert.True(patients.Count(p => p.Stage == stage) >= 2, $"{stage}");
        }
        Assert.Equal(40, patients.Select(p => p.Mrn).Distinct(StringComparer.Ordinal).Count());
        Assert.All(patients, p => Assert.InRange(p.HeightCm!.Value, 150m, 195m));
        // Everyone past referral has a weight from the last two weeks, dated by the (fake) clock.
        Assert.All(patients.Where(p => p.Stage != JourneyStage.NewReferral), p =>
        {
            var latest = p.Weights.Max(w => w.MeasuredAt);
            Assert.InRange(latest, SeedClock.AddDays(-15), SeedClock);
            Assert.All(p.Weights, w => Assert.InRange(w.WeightKg, 40m, 140m));
        });
        Assert.All(patients.Where(p => p.Stage == JourneyStage.NewReferral), p => Assert.Empty(p.Weights));
        var suicideRisk = Assert.Single(patients.SelectMany(p => p.Flags), f => f.Kind == FlagKind.SuicideRisk && f.ClearedAt is null);
        Assert.Equal(FlagPriority.High, suicideRisk.Priority);
        Assert.InRange(patients.SelectMany(p => p.Flags).Count(f => f.ClearedAt is null), 3, 8);
        Assert.Contains(patients.SelectMany(p => p.Allergies), a => a.IsSevere);
        Assert.InRange(patients.Count(p => p.Allergies.Count > 0), 3, 20);
        Assert.All(patients, p => Assert.EndsWith("@example.org", p.Email == "patient@demo.clinic" ? "x@example.org" : p.Email, StringComparison.Ordinal));
        Assert.All(patients, p => Assert.Matches(@"^\(\d{3}\) 555-01\d\d$", p.Phone!));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenASeededDatabase_WhenSeedingAgain_ThenNothingIsDuplicated(DatabaseProvider provider)
    {
        var (factory, app) = await StartAsync(provider);
        await using var __ = factory;
        await using var scope = app.Services.CreateAsyncScope();

        var again = await scope.ServiceProvider.GetRequiredService<IDemoSeeder>().SeedIfEmptyAsync(Ct);

        Assert.False(again);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(1, await db.Organizations.CountAsync(Ct));
        Assert.Equal(2, await db.Sites.CountAsync(Ct));
        Assert.Equal(40, await db.Patients.CountAsync(Ct));
        Assert.Equal(9, await db.Users.CountAsync(Ct));
        Assert.Equal(6, await db.Roles.CountAsync(Ct));
        // The seed itself is audited once, and the chain verifies.
        var chain = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct);
        var seedEvent = Assert.Single(chain, e => e.ResourceType == "DemoClinic");
        Assert.Equal("system:demo-seed", seedEvent.UserName);
        Assert.Null(AuditChain.Verify(chain));
    }

    [Fact]
    public async Task GivenTheSameClock_WhenTwoDatabasesAreSeeded_ThenTheDemoClinicIsIdentical()
    {
        var (first, _) = await StartAsync(DatabaseProvider.Sqlite);
        var (second, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var a = first;
        await using var b = second;

        static async Task<List<string>> Snapshot(TestDatabase database)
        {
            await using var db = database.CreateContext();
            var patients = await db.Patients.Include(p => p.Weights).OrderBy(p => p.Mrn).ToListAsync(Ct);
            return [.. patients.Select(p => $"{p.Id} {p.Mrn} {p.GivenName} {p.FamilyName} {p.Stage} {p.BornOn} {p.HeightCm} {string.Join(',', p.Weights.OrderBy(w => w.MeasuredAt).Select(w => $"{w.WeightKg}@{w.MeasuredAt:O}"))}")];
        }

        Assert.Equal(await Snapshot(first.Database), await Snapshot(second.Database));
    }

    [Fact]
    public async Task GivenFeatureContributors_WhenSeeding_ThenTheyRunInOrderAfterTheCoreSeedWithItsClinic()
    {
        var log = new List<string>();
        var (factory, _) = await StartAsync(DatabaseProvider.Sqlite, services: s =>
        {
            s.AddSingleton(log);
            s.AddDemoSeedContributor<LaterContributor>();
            s.AddDemoSeedContributor<EarlierContributor>();
        });
        await using var __ = factory;

        Assert.Equal(["earlier: 40 patients, 9 sign-ins, 2 sites", "later"], log);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(1, await db.PatientFlags.CountAsync(f => f.Text == "added by a contributor", Ct));
        var seedEvent = await db.AuditEvents.SingleAsync(e => e.ResourceType == "DemoClinic", Ct);
        // The app's own contributors (e.g. fhir-demo-client, order 900) run after these two.
        Assert.Matches("contributors: earlier,later(,|$)", seedEvent.Detail);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAContributorThatFails_WhenSeeding_ThenNothingOfTheDemoClinicIsStored(DatabaseProvider provider)
    {
        var (factory, app) = await StartAsync(provider, demo: false, services: s => s.AddDemoSeedContributor<FailingContributor>());
        await using var __ = factory;
        await using var scope = app.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IDemoSeeder>().SeedIfEmptyAsync(Ct));

        await using var db = factory.Database.CreateContext();
        Assert.Equal(0, await db.Organizations.CountAsync(Ct));
        Assert.Equal(0, await db.Patients.CountAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEvents.CountAsync(Ct));
        // Roles are ensured at startup for every database, outside the seed.
        Assert.Equal(6, await db.Roles.CountAsync(Ct));
    }

    private sealed class EarlierContributor(List<string> log) : IDemoSeedContributor
    {
        public int Order => 100;
        public string Name => "earlier";

        public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
        {
            log.Add($"earlier: {context.Clinic.Patients.Count} patients, {context.Clinic.Staff.Count} sign-ins, {context.Clinic.Sites.Count} sites");
            var patient = context.Clinic.InStage(JourneyStage.Maintenance).First();
            context.Db.PatientFlags.Add(new PatientFlag
            {
                PatientId = patient.Id,
                Kind = FlagKind.Other,
                Text = "added by a contributor",
                RaisedAt = context.SeededAt,
            });
            return Task.CompletedTask;
        }
    }

    private sealed class LaterContributor(List<string> log) : IDemoSeedContributor
    {
        public int Order => 200;
        public string Name => "later";

        public Task SeedAsync(DemoSeedContext context, CancellationToken ct)
        {
            log.Add("later");
            return Task.CompletedTask;
        }
    }

    private sealed class FailingContributor : IDemoSeedContributor
    {
        public int Order => 100;
        public string Name => "failing";

        public Task SeedAsync(DemoSeedContext context, CancellationToken ct) =>
            throw new InvalidOperationException("contributor failed");
    }
}
