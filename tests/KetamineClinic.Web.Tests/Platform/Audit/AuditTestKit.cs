using System.Diagnostics.Metrics;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Web.Tests.Platform.Audit;

/// <summary>An audit trail wired to a test database, a fake clock and a fixed actor.</summary>
internal static class AuditTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);

    private static readonly IMeterFactory Meters =
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static IDbContextFactory<ClinicDbContext> Factory(this TestDatabase db) => new TestContextFactory(db);

    public static AuditTrail Trail(TestDatabase db, TimeProvider? clock = null, string user = "nurse@test.example.org") =>
        Trail(db, new AuditActorInfo(Guid.Parse("7b4a0a52-4f7c-4f7e-9d5a-3a0f1c2b6d11"), user, ClinicRoles.Nurse, "127.0.0.1"), clock);

    public static AuditTrail Trail(TestDatabase db, AuditActorInfo actor, TimeProvider? clock = null) =>
        new(db.Factory(), new FixedAuditActor(actor), clock ?? new FakeTimeProvider(Start), new ClinicMetrics(Meters));

    public static AuditEntry ChartRead(int n = 0) =>
        new(AuditActions.Read, "Patient", $"chart-{n}", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));

    public static async Task RecordManyAsync(AuditTrail trail, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await trail.RecordAsync(ChartRead(i), TestContext.Current.CancellationToken);
        }
    }

    public static async Task<List<AuditEvent>> ReadChainAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        return await context.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<Site> AddSiteAsync(TestDatabase db)
    {
        var org = new Organization { Name = "Test Network" };
        var site = new Site
        {
            Name = "Test Site",
            AddressLine = "1 Example Way",
            City = "Testville",
            Region = "OR",
            PostalCode = "97000",
            Phone = "555-0100",
            Organization = org,
        };
        await using var context = db.CreateContext();
        context.Add(site);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        return site;
    }

    public static Patient NewPatient(Guid siteId, string mrn) => new()
    {
        Mrn = mrn,
        GivenName = "Testy",
        FamilyName = "Example",
        BornOn = new DateOnly(1980, 1, 2),
        PrimarySiteId = siteId,
        CreatedAt = Start,
    };

    private sealed class TestContextFactory(TestDatabase db) : IDbContextFactory<ClinicDbContext>
    {
        public ClinicDbContext CreateDbContext() => db.CreateContext();
    }
}
