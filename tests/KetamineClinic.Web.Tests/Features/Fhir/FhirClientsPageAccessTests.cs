using System.Net;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Tests.Support;

namespace KetamineClinic.Web.Tests.Features.Fhir;

public sealed class FhirClientsPageAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheRealApp_WhenAnAdminOrANurseOpensTheClientsPage_ThenOnlyTheAdminSeesTheClients()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithTestAuth();
        await app.RegisterClientAsync("lab-gateway", "system/Observation.rs");
        using var admin = app.CreateClientAs(Guid.NewGuid(), "admin@demo.clinic", ClinicRoles.Admin);
        using var nurse = app.CreateClientAs(Guid.NewGuid(), "nurse@demo.clinic", ClinicRoles.Nurse);

        var shown = await admin.GetAsync("/admin/fhir-clients", Ct);
        var denied = await nurse.GetAsync("/admin/fhir-clients", Ct);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync(Ct);
        Assert.Contains("FHIR clients", html, StringComparison.Ordinal);
        Assert.Contains("lab-gateway", html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("lab-gateway", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
