using System.Net;
using System.Net.Http.Json;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Testing.Browser;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd.Infusions;

/// <summary>
/// A nurse watches the chair board while a bedside monitor posts readings over HTTP: the VS-BP-02 alarm appears
/// without a reload, the audible cue is requested, and the nurse acknowledges it with the action taken.
/// </summary>
public sealed class ChairBoardLiveTests
{
    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public async Task GivenANurseOnTheBoard_WhenTheMonitorPostsAConfirmedSbp184_ThenTheAlarmAppearsLiveAndCanBeAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new InfusionDayAppFactory(await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, ct));
        app.UseRealServer();
        var server = app.ServerAddress;
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var now = DateTimeOffset.UtcNow;
        InfusionDayClinic clinic;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            clinic = await InfusionDaySeed.SeedAsync(db, now);
        }

        var nurse = new StaffActor(Guid.NewGuid(), "nurse@e2e.test", [ClinicRoles.Nurse]);
        var phases = app.Services.GetRequiredService<SessionPhaseHandler>();
        var session = Assert.IsType<SessionCommandResult.Done>(await phases.CheckInAsync(clinic.ChairIds[0], clinic.PatientIds[0], nurse, ct)).Session.Id;
        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.BeginPreChecks, null, nurse, ct: ct));
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await PreInfusionSeed.ClearForStartAsync(db, session, now, ct);
        }

        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, nurse, ct: ct));
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // The patient arrived 40 minutes ago and the infusion started 35 minutes ago (test setup, not a workflow).
            var row = await db.Set<InfusionSession>().SingleAsync(s => s.Id == session, ct);
            row.CheckedInAt = now.AddMinutes(-40);
            row.InfusionStartedAt = now.AddMinutes(-35);
            await db.SaveChangesAsync(ct);
        }

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(
        [
            new Microsoft.Playwright.Cookie { Name = TestUserAuthentication.Cookie, Value = Uri.EscapeDataString(TestUserAuthentication.Value(nurse.UserId, nurse.Name, ClinicRoles.Nurse)), Url = server.ToString() },
        ]);
        var page = await context.NewPageAsync();
        var diagnostics = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, m) => diagnostics.Enqueue($"console {m.Type}: {m.Text}");
        page.Response += (_, r) => { if (r.Status >= 400) { diagnostics.Enqueue($"{r.Status} {r.Url}"); } };
        page.RequestFailed += (_, r) => diagnostics.Enqueue($"failed {r.Url} {r.Failure}");
        await page.GotoAsync(new Uri(server, $"/board?site={clinic.SiteId}").ToString());

        var tile = page.Locator("section[data-chair='Chair 1']");
        await Expect(tile.Locator("[data-test=phase]")).ToHaveTextAsync("Infusing");
        // The timer ticks only once the circuit is live: proof the board is interactive before the device posts.
        var timer = tile.Locator("[data-test=timer]");
        var first = await timer.TextContentAsync();
        try
        {
            await Expect(timer).Not.ToHaveTextAsync(first!, new() { Timeout = 15_000 });
        }
        catch (Microsoft.Playwright.PlaywrightException ex)
        {
            throw new InvalidOperationException("Board not interactive:\n" + string.Join('\n', diagnostics), ex);
        }
        await Expect(tile.Locator("[data-alarm]")).ToHaveCountAsync(0);

        using var device = new HttpClient { BaseAddress = server };
        device.DefaultRequestHeaders.Add("X-Device-Key", clinic.DeviceKeys[0]);
        using var response = await device.PostAsJsonAsync("/api/v1/devices/readings", new
        {
            readings = new[]
            {
                new { id = "e2e-1", takenAt = now.AddMinutes(-4).ToString("O"), systolic = 184, diastolic = 104, heartRate = 88, spo2 = 97 },
                new { id = "e2e-2", takenAt = now.AddMinutes(-1).ToString("O"), systolic = 184, diastolic = 104, heartRate = 90, spo2 = 97 },
            },
        }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // No reload: the alarm arrives through the broadcaster and the circuit.
        var alarm = tile.Locator("[data-alarm='VS-BP-02']");
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(alarm).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("kc-alarm--Alert"));
        await Expect(tile.Locator("[data-test=bp]")).ToHaveTextAsync("184/104");
        var cues = await page.EvaluateAsync<string[]>("() => (window.kcAlarmCueLog || []).map(c => c.severity)");
        Assert.Contains("Alert", cues);

        await alarm.Locator("[data-test=acknowledge]").ClickAsync();
        await alarm.Locator("textarea").FillAsync("Infusion paused; physician notified");
        await alarm.Locator("[data-test=confirm-ack]").ClickAsync();

        await Expect(alarm).ToContainTextAsync("acknowledged by nurse@e2e.test: Infusion paused; physician notified");
        await Expect(alarm.Locator("[data-test=acknowledge]")).ToHaveCountAsync(0);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var stored = await db.Set<VitalAlarm>().SingleAsync(a => a.SessionId == session, ct);
            Assert.Equal((AlarmState.Acknowledged, "nurse@e2e.test"), (stored.State, stored.AcknowledgedByName));
            // The patient's name on the board is one audited read (the static prerender does not count twice).
            var boardReads = await db.Set<KetamineClinic.Web.Platform.Audit.AuditEvent>()
                .Where(e => e.ResourceType == "ChairBoard" && e.PatientId == clinic.PatientIds[0]).ToListAsync(ct);
            Assert.Equal("nurse@e2e.test", Assert.Single(boardReads).UserName);
        }
    }
}
