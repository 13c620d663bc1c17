using System.Net;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;

namespace KetamineClinic.Web.Tests.Patients;

/// <summary>The prerender of patient pages must neither carry nor audit patient data (it loads once interactive).</summary>
public sealed class PatientPagePrerenderTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/patients")]
    [InlineData("/patients/{id}")]
    public async Task GivenNurse_WhenAPatientPageIsPrerendered_ThenNoPatientDataIsSentOrAudited(string path)
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var id = await TestPatients.AddAsync(app.Services, app.Clinic.Riverside.Id, $"PR-{Random.Shared.Next(100000, 999999)}", "Imogen", "Prerendova", new DateOnly(1977, 7, 7), ct: Ct);
        using var client = await app.SignedInAsAsync(ClinicRoles.Nurse);
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var response = await client.GetAsync(path.Replace("{id}", id.ToString("D"), StringComparison.Ordinal), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"nav\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Prerendova", html, StringComparison.Ordinal);
        Assert.Empty(await AuditQueries.SinceAsync(app.Services, before));
    }
}
