using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Testing.Browser;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd.Recovery;

/// <summary>
/// A nurse on the session page presses Discharge 25 minutes after the infusion ended: the server refuses with DC-01.
/// Once the observation time has passed the discharge goes through and the discharge sheet prints with 988.
/// </summary>
public sealed class DischargeFlowTests
{
    [Fact]
    [Trait("Rule", "DC-01")]
    public async Task GivenAnInfusionThatEnded25MinutesAgo_WhenTheNurseDischarges_ThenDc01RefusesAndAfter30MinutesTheSheetPrintsWith988()
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
        var recovery = app.Services.GetRequiredService<RecoveryHandler>();
        var ingestion = app.Services.GetRequiredService<VitalsIngestion>();
        var session = Assert.IsType<SessionCommandResult.Done>(await phases.CheckInAsync(clinic.ChairIds[0], clinic.PatientIds[0], nurse, ct)).Session.Id;
        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.BeginPreChecks, null, nurse, ct: ct));
        await ReadingAsync(ingestion, session, nurse, "baseline", DateTimeOffset.UtcNow, 130, 80, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // The pre-infusion gate (PRE-GATE-01 / PRE-DOSE-01) now guards the start: a passed checklist and a prepared dose.
            await PreInfusionSeed.ClearForStartAsync(db, session, now, ct);
        }

        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, nurse, ct: ct));
        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.StopInfusion, "test setup", nurse, ct: ct));
        await ShiftAsync(contexts, session, now, endedMinutesAgo: 25, ct);
        await ReadingAsync(ingestion, session, nurse, "recovery", DateTimeOffset.UtcNow, 128, 78, ct);
        Assert.IsType<RecoveryResult.Done>(await recovery.RecordAssessmentAsync(session, new DischargeAssessmentForm
        {
            Padss = new PadssForm { OrientedTimesThree = true, SteadyGait = true, DrankFluids = true, Voided = true },
            DissociationResolved = true,
            SedationResolved = true,
            NoNewPsychoticSymptoms = true,
        }, nurse, ct));
        Assert.IsType<RecoveryResult.Done>(await recovery.RecordEscortAsync(session, new EscortForm { EscortName = "Alex Example", Relationship = "Partner", Phone = "555-0199", NoDrivingInstructionGiven = true }, nurse, ct));
        Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session, PhaseCommand.MarkReadyForDischarge, null, nurse, ct: ct));

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(
        [
            new Microsoft.Playwright.Cookie { Name = TestUserAuthentication.Cookie, Value = Uri.EscapeDataString(TestUserAuthentication.Value(nurse.UserId, nurse.Name, ClinicRoles.Nurse)), Url = server.ToString() },
        ]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server, $"/sessions/{session}").ToString());

        var panel = page.Locator("[data-test=recovery-panel]");
        var countdown = panel.Locator("[data-test=observation-countdown]");
        await Expect(countdown).ToContainTextAsync("left");
        // The countdown ticks only once the circuit is live: the buttons below are wired before we press them.
        var first = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first!, new() { Timeout = 15_000 });
        await Expect(panel.Locator("tr[data-rule='DC-01']")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(panel.Locator("tr[data-rule='DC-06']")).ToHaveAttributeAsync("data-passed", "true");

        await panel.Locator("[data-test=discharge]").ClickAsync();

        await Expect(panel.Locator("[data-test=recovery-message]")).ToContainTextAsync("Refused: DC-01: 30 min of observation required");
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            Assert.Equal(SessionPhase.ReadyForDischarge, (await db.Set<InfusionSession>().SingleAsync(s => s.Id == session, ct)).Phase);
        }

        // Thirty-one minutes have now passed since the end of the infusion (test setup, not a workflow).
        await ShiftAsync(contexts, session, now, endedMinutesAgo: 31, ct);
        await panel.Locator("[data-test=discharge]").ClickAsync();
        await Expect(panel.Locator("[data-test=departure]")).ToContainTextAsync("Discharged");

        await page.GotoAsync(new Uri(server, $"/sessions/{session}/discharge-sheet").ToString());
        await Expect(page.Locator("[data-test=sheet-crisis]")).ToContainTextAsync("call or text 988 (988 Suicide & Crisis Lifeline)");
        await Expect(page.Locator("[data-test=sheet-escort]")).ToContainTextAsync("Alex Example (Partner)");
        await Expect(page.Locator("[data-test=print]")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(page.Locator("[data-test=print]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-test=sheet-no-driving]")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync();
        Assert.True(pdf.Length > 1000, "the sheet prints to a non-empty PDF");
    }

    private static async Task ReadingAsync(VitalsIngestion ingestion, Guid session, StaffActor nurse, string key, DateTimeOffset at, int sbp, int dbp, CancellationToken ct) =>
        Assert.IsType<VitalsIngestionResult.Accepted>(await ingestion.IngestAsync(new VitalsBatch(
            VitalsSourceKind.Manual,
            new VitalsTarget.OfSession(session),
            new VitalsSender.Clinician(nurse.UserId, nurse.Name),
            [new IncomingReading(key, at, new VitalValues { SystolicMmHg = sbp, DiastolicMmHg = dbp, HeartRatePerMin = 72, Spo2Percent = 98, OnOxygen = false, RespiratoryRatePerMin = 14 })]), ct));

    /// <summary>Moves the session's clock back: check-in 80 min before the end, infusion of 40 min ending <paramref name="endedMinutesAgo"/> ago.</summary>
    private static async Task ShiftAsync(IDbContextFactory<ClinicDbContext> contexts, Guid session, DateTimeOffset now, int endedMinutesAgo, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<InfusionSession>().SingleAsync(s => s.Id == session, ct);
        var end = now.AddMinutes(-endedMinutesAgo);
        row.CheckedInAt = end.AddMinutes(-50);
        row.PreChecksStartedAt = end.AddMinutes(-48);
        row.InfusionStartedAt = end.AddMinutes(-40);
        row.InfusionEndedAt = end;
        row.RecoveryStartedAt = end;
        var baseline = await db.Set<VitalReading>().SingleAsync(r => r.SessionId == session && r.IdempotencyKey == "baseline", ct);
        baseline.TakenAt = end.AddMinutes(-45);
        await db.SaveChangesAsync(ct);
    }
}
