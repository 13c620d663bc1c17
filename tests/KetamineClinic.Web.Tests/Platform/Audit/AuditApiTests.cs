using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Tests.Support;

namespace KetamineClinic.Web.Tests.Platform.Audit;

public sealed class AuditApiTests
{
    private static readonly Guid AdminId = Guid.Parse("0d7f3c1e-5b7a-4c55-9f0e-2f6a1d2b3c4d");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(Testing.Databases.AllProviders))]
    public async Task GivenAnAdmin_WhenSearchingTheApi_ThenAPageOfEventsNewestFirstAndTheSearchIsAudited(DatabaseProvider provider)
    {
        await using var factory = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var app = factory.WithTestAuth();
        _ = app.Services;
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(factory.Database), 3);
        using var client = app.CreateClientAs(AdminId, "admin@demo.clinic", ClinicRoles.Admin);

        var response = await client.GetAsync("/api/v1/audit-events?action=read&pageSize=2", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<AuditEventPage>(JsonSerializerOptions.Web, Ct);
        Assert.Equal(3, page!.Total);
        Assert.Equal([3L, 2L], page.Items.Select(e => e.Sequence));
        var chain = await AuditTestKit.ReadChainAsync(factory.Database);
        Assert.Equal(AuditActions.Search, chain[^1].Action);
        Assert.Equal(AdminId, chain[^1].UserId);
        Assert.Equal("Admin", chain[^1].Role);
    }

    [Fact]
    public async Task GivenBadFilters_WhenSearchingTheApi_ThenProblemDetailsNameEachField()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithTestAuth();
        using var client = app.CreateClientAs(AdminId, "admin@demo.clinic", ClinicRoles.Admin);

        var response = await client.GetAsync("/api/v1/audit-events?outcome=maybe&from=yesterday&pageSize=5000", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["from", "outcome", "pageSize"], fields);
    }

    [Theory]
    [InlineData(ClinicRoles.Nurse)]
    [InlineData(ClinicRoles.Physician)]
    [InlineData(ClinicRoles.Pharmacist)]
    [InlineData(ClinicRoles.Patient)]
    public async Task GivenAnyoneButAnAdmin_WhenSearchingTheApi_ThenForbidden(string role)
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithTestAuth();
        using var client = app.CreateClientAs(Guid.NewGuid(), "someone@demo.clinic", role);

        var response = await client.GetAsync("/api/v1/audit-events", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GivenAnAnonymousCaller_WhenSearchingTheApi_ThenUnauthorized()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = factory.WithTestAuth().CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/audit-events", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GivenANurse_WhenOpeningTheAuditPage_ThenNotShown()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithTestAuth();
        using var nurse = app.CreateClientAs(Guid.NewGuid(), "nurse@demo.clinic", ClinicRoles.Nurse);
        using var admin = app.CreateClientAs(AdminId, "admin@demo.clinic", ClinicRoles.Admin);

        var denied = await nurse.GetAsync("/admin/audit", Ct);
        var shown = await admin.GetAsync("/admin/audit", Ct);

        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("Verify chain", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Verify chain", await shown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
