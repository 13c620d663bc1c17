using System.Net;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Tests.Infusions;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Recovery;

/// <summary>The static pages: the discharge sheet, the session record and the SMS outbox, rendered by the real app.</summary>
public sealed class RecoveryPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(InfusionDayScenario s, Web.Features.Infusions.StaffActor actor, string role)
    {
        var client = s.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestUserAuthentication.Header, TestUserAuthentication.Value(actor.UserId, actor.Name, role));
        return client;
    }

    [Fact]
    [Trait("Rule", "DC-06")]
    public async Task GivenADischargedPatient_WhenTheSheetIsOpened_ThenItShowsNameEscortNoDrivingAnd988AndTheReadIsAudited()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id);
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(30));
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().DischargeAsync(id, Nurse, ct: Ct));
        using var client = Client(s, Nurse, "Nurse");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/sessions/{id}/discharge-sheet", Ct));

        Assert.Contains("Test1 Patient1", html, StringComparison.Ordinal);
        Assert.Contains("27 November 2026", html, StringComparison.Ordinal);
        Assert.Contains("Infusion from 14:01 to 14:41 (40 min of infusion)", html, StringComparison.Ordinal);
        Assert.Contains("Alex Example (Partner), handed over at 15:01", html, StringComparison.Ordinal);
        Assert.Contains("Do not drive, cycle or operate machinery until tomorrow", html, StringComparison.Ordinal);
        Assert.Contains(Domain.Safety.CrisisText.PatientFacing, html, StringComparison.Ordinal);
        Assert.Contains("@media print", await client.GetStringAsync("/css/recovery-print.css", Ct), StringComparison.Ordinal);
        await using var db = s.Db();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.ResourceType == "DischargeSheet" && e.ResourceId == id.ToString() && e.Action == AuditActions.Read, Ct));
    }

    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public async Task GivenASessionWithAnAlarmAndAnAssessment_WhenTheRecordIsOpened_ThenChartTimesAlarmsAndScoresShowAndTheFhirSpotIsThere()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(5));
        await s.ReadingAsync(id, "r1", s.Clock.GetUtcNow(), 184, 104, 80);
        s.Clock.Advance(TimeSpan.FromMinutes(3));
        await s.ReadingAsync(id, "r2", s.Clock.GetUtcNow(), 184, 104, 80);
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().RecordAssessmentAsync(id, RecoveryScenario.FitForDischarge(), Nurse, Ct));
        using var client = Client(s, Nurse, "Nurse");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/sessions/{id}/record", Ct));

        Assert.Contains("data-test=\"vitals-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"sbp\"", html, StringComparison.Ordinal);
        Assert.Contains("data-alarm=\"VS-BP-02\"", html, StringComparison.Ordinal);
        Assert.Contains("<th>Start</th><td>14:01:00</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>End / recovery</th><td>14:41:00</td>", html, StringComparison.Ordinal);
        Assert.Contains("PADSS, threshold ≥9", html, StringComparison.Ordinal);
        Assert.Contains("not acknowledged", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/sessions/{id}/fhir\" data-test=\"fhir-download\"", html, StringComparison.Ordinal);
        await using var db = s.Db();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.ResourceType == "SessionRecord" && e.ResourceId == id.ToString(), Ct));
    }

    [Fact]
    public async Task GivenFrontDeskOrANurse_WhenOpeningTheRecordOrTheOutbox_ThenOnlyClinicalStaffSeeTheRecordAndOnlyAdminsTheOutbox()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        using var frontDesk = Client(s, FrontDesk, "FrontDesk");
        using var nurse = Client(s, Nurse, "Nurse");
        using var admin = Client(s, new Web.Features.Infusions.StaffActor(Guid.NewGuid(), "admin@test.clinic", ["Admin"]), "Admin");
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().RecordEscortAsync(id, RecoveryScenario.Escort(), Nurse, Ct));

        using var record = await frontDesk.GetAsync($"/sessions/{id}/record", Ct);
        using var sheet = await frontDesk.GetAsync($"/sessions/{id}/discharge-sheet", Ct);
        using var outboxNurse = await nurse.GetAsync("/admin/sms-outbox", Ct);
        var outbox = await admin.GetStringAsync("/admin/sms-outbox", Ct);

        Assert.NotEqual(HttpStatusCode.OK, record.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, sheet.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, outboxNurse.StatusCode);
        Assert.Contains("escort-handoff", outbox, StringComparison.Ordinal);
        Assert.Contains("555-0199", outbox, StringComparison.Ordinal);
    }
}
