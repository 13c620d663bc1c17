using System.Net;
using System.Net.Http.Json;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Recovery;

public sealed class DischargeHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-01")]
    public async Task GivenEveryOtherCriterionMet_WhenDischargedAt29m59s_ThenDc01RefusesAndAt30mTheSessionIsDischarged(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id);
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(30).AddSeconds(-1));

        var early = await s.Recovery().DischargeAsync(id, Nurse, ct: Ct);

        var blocked = Assert.IsType<RecoveryResult.Blocked>(early);
        var finding = Assert.Single(blocked.Findings);
        Assert.Equal(("DC-01", Domain.Rules.Enforcement.Block), (finding.Rule.Value, finding.Level));
        Assert.Contains("not before 2026-11-27 15:11 UTC", finding.Message, StringComparison.Ordinal);
        // The same refusal through the generic phase command: the gate is in the phase handler, not in a button.
        Assert.IsType<SessionCommandResult.Blocked>(await s.Phases.ApplyAsync(id, PhaseCommand.Discharge, null, Physician, ct: Ct));

        s.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().DischargeAsync(id, Nurse, ct: Ct));
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == id, Ct);
        var departure = await db.Set<SessionDeparture>().SingleAsync(x => x.SessionId == id, Ct);
        Assert.Equal((SessionPhase.Discharged, RecoveryScenario.InfusionEnd.AddMinutes(30)), (row.Phase, row.DischargedAt));
        Assert.Equal((DepartureKind.Discharged, (string?)null, "nurse@test.clinic"), (departure.Kind, departure.OverrideReason, departure.RecordedByName));
        var denied = await db.AuditEvents.Where(e => e.ResourceId == id.ToString() && e.Outcome == AuditOutcome.Denied).ToListAsync(Ct);
        Assert.Equal(2, denied.Count);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-02")]
    [Trait("Rule", "DC-04")]
    public async Task GivenPadssEightAndNoAttestation_WhenDischargedAfterObservation_ThenDc02AndDc04Block(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        var form = RecoveryScenario.FitForDischarge(attested: false);
        form.Padss!.DrankFluids = false;
        form.Padss.Voided = false;
        await s.PrepareAsync(id, form: form);
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(31));

        var blocked = Assert.IsType<RecoveryResult.Blocked>(await s.Recovery().DischargeAsync(id, Nurse, ct: Ct));

        Assert.Equal(["DC-02", "DC-04"], blocked.Findings.Select(f => f.Rule.Value));
        Assert.Equal("DC-02: PADSS 8 is below the threshold ≥9.", blocked.Findings[0].Message);
        await using var db = s.Db();
        var score = await db.Set<DischargeScoreRecord>().SingleAsync(x => x.SessionId == id, Ct);
        Assert.Equal((8, DischargeInstrument.Padss, "PADSS, threshold ≥9", "nurse@test.clinic"), (score.Total, score.Instrument, score.Variant, score.AssessedByName));
        Assert.StartsWith("Vital signs=2; Activity/mental status=2; Pain/nausea/vomiting=2; Surgical bleeding=2; Intake/output=0", score.ItemPoints, StringComparison.Ordinal);
        Assert.Equal(SessionPhase.ReadyForDischarge, (await db.Set<InfusionSession>().SingleAsync(x => x.Id == id, Ct)).Phase);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-06")]
    public async Task GivenNoEscort_WhenDischarged_ThenDc06BlocksAndAnEscortWithoutNameOrInstructionIsRefused(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id, escort: false);
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(31));

        var blocked = Assert.IsType<RecoveryResult.Blocked>(await s.Recovery().DischargeAsync(id, Nurse, ct: Ct));
        var invalid = await s.Recovery().RecordEscortAsync(id, new EscortForm { EscortName = " ", Relationship = "Friend", Phone = "12", NoDrivingInstructionGiven = false }, Nurse, Ct);

        Assert.Equal("DC-06: no responsible adult escort documented; no-driving instruction not given.", Assert.Single(blocked.Findings).Message);
        Assert.Equal(3, Assert.IsType<RecoveryResult.Invalid>(invalid).Problems.Count);
        Assert.IsType<RecoveryResult.Forbidden>(await s.Recovery().RecordEscortAsync(id, RecoveryScenario.Escort(), FrontDesk, Ct));
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().RecordEscortAsync(id, RecoveryScenario.Escort(), Nurse, Ct));
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().DischargeAsync(id, Nurse, ct: Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-06")]
    public async Task GivenTheEscortRecordedTwiceWithTheSameNumber_WhenTexted_ThenOneOutboxMessageWithoutThePatientsName(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();

        var first = await s.Recovery().RecordEscortAsync(id, RecoveryScenario.Escort("555-0199"), Nurse, Ct);
        var again = await s.Recovery().RecordEscortAsync(id, RecoveryScenario.Escort("(555) 0199"), Nurse, Ct);

        Assert.Equal("Escort recorded; text written to the SMS outbox.", Assert.IsType<RecoveryResult.Done>(first).Message);
        Assert.Equal("Escort recorded; the text to this number was already sent.", Assert.IsType<RecoveryResult.Done>(again).Message);
        await using var db = s.Db();
        var message = await db.Set<SmsOutboxMessage>().SingleAsync(Ct);
        Assert.Equal(("555-0199", "escort-handoff", id), (message.ToPhone, message.Purpose, message.SessionId));
        Assert.Contains("must not drive or operate machinery until tomorrow", message.Body, StringComparison.Ordinal);
        Assert.Contains("988", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Patient1", message.Body, StringComparison.Ordinal);
        Assert.Equal(2, await db.Set<EscortHandOff>().CountAsync(x => x.SessionId == id, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-01")]
    public async Task GivenCriteriaNotMet_WhenANurseOrAPhysicianWithoutReasonOverrides_ThenRefusedAndAPhysicianWithReasonClosesItAsLeftAgainstAdvice(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id);

        var nurse = await s.Recovery().RecordDepartureAgainstAdviceAsync(id, "Patient insists on leaving", Nurse, ct: Ct);
        var noReason = await s.Recovery().RecordDepartureAgainstAdviceAsync(id, "  ", Physician, ct: Ct);
        var done = await s.Recovery().RecordDepartureAgainstAdviceAsync(id, "Patient insists on leaving; risks explained", Physician, ct: Ct);

        Assert.IsType<RecoveryResult.Forbidden>(nurse);
        Assert.IsType<RecoveryResult.Invalid>(noReason);
        Assert.IsType<RecoveryResult.Done>(done);
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == id, Ct);
        var departure = await db.Set<SessionDeparture>().SingleAsync(x => x.SessionId == id, Ct);
        Assert.Equal((SessionPhase.Aborted, (DateTimeOffset?)null, (Guid?)null), (row.Phase, row.DischargedAt, row.OpenChairId));
        Assert.Equal((DepartureKind.LeftAgainstMedicalAdvice, "Patient insists on leaving; risks explained", "physician@test.clinic"), (departure.Kind, departure.OverrideReason, departure.RecordedByName));
        Assert.StartsWith("DC-01:", departure.FailedRules, StringComparison.Ordinal);
        var timeline = await db.Set<SessionEvent>().SingleAsync(e => e.SessionId == id && e.Kind == SessionEventKind.LeftAgainstMedicalAdvice, Ct);
        Assert.Equal(("physician@test.clinic", "Patient insists on leaving; risks explained (failed: DC-01)"), (timeline.ActorName, timeline.Reason));
        var audit = await db.AuditEvents.SingleAsync(e => e.ResourceId == id.ToString() && e.Action == AuditActions.Override, Ct);
        Assert.Equal("departure against DC rules: DC-01", audit.Detail);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-03")]
    [Trait("Vector", "TV-89")]
    public async Task GivenLastBp200Over120_WhenAPhysicianAcknowledges_ThenRefusedAndA160Over85DeviationIsAcknowledgeableByAPhysicianOnly(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(20));
        await s.ReadingAsync(id, "high", s.Clock.GetUtcNow(), 200, 120, 75);

        var tv89 = await s.Recovery().AcknowledgeBpDeviationAsync(id, "Asymptomatic", Physician, Ct);

        Assert.Contains("above 180/110 mmHg, which no acknowledgement can release", Assert.Single(Assert.IsType<RecoveryResult.Invalid>(tv89).Problems), StringComparison.Ordinal);

        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await s.ReadingAsync(id, "tv90", s.Clock.GetUtcNow(), 160, 85, 75);
        Assert.IsType<RecoveryResult.Forbidden>(await s.Recovery().AcknowledgeBpDeviationAsync(id, "ok", Nurse, Ct));
        Assert.IsType<RecoveryResult.Invalid>(await s.Recovery().AcknowledgeBpDeviationAsync(id, null, Physician, Ct));
        var before = (await s.Recovery().EvaluateAsync(id, Ct))!;
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().AcknowledgeBpDeviationAsync(id, "Known hypertensive; asymptomatic", Physician, Ct));
        var after = (await s.Recovery().EvaluateAsync(id, Ct))!;

        Assert.True(before.Decision!.BpDeviationNeedsAcknowledgement);
        Assert.Contains("more than ±20 % from baselineBP 130/80 mmHg", before.Rules.Single(r => r.Rule.Value == "DC-03").Reason, StringComparison.Ordinal);
        Assert.Contains("acknowledged by a physician", after.Rules.Single(r => r.Rule.Value == "DC-03").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DC-01")]
    public async Task GivenTheApi_WhenANurseOverridesOrDischargesEarly_Then403AndA409ProblemListingTheRuleIds(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id);
        using var client = s.App.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserAuthentication.Header, TestUserAuthentication.Value(Nurse.UserId, Nurse.Name, "Nurse"));

        using var overrideResponse = await client.PostAsJsonAsync($"/api/v1/sessions/{id}/departure-against-advice", new { reason = "leaving" }, Ct);
        using var dischargeResponse = await client.PostAsJsonAsync($"/api/v1/sessions/{id}/discharge", new { }, Ct);
        var readiness = await client.GetFromJsonAsync<RecoveryRegistration.ReadinessView>($"/api/v1/sessions/{id}/discharge-readiness", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, overrideResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, dischargeResponse.StatusCode);
        Assert.Equal("application/problem+json", dischargeResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"DC-01\"", await dischargeResponse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotNull(readiness);
        Assert.Equal((false, (DateTimeOffset?)RecoveryScenario.InfusionEnd.AddMinutes(30), 30), (readiness.MayDischarge, readiness.EarliestDischargeAt, readiness.ObservationMinutes));
        Assert.Equal(["DC-01", "DC-02", "DC-03", "DC-04", "DC-05", "DC-06"], readiness.Rules.Select(r => r.Rule));
        Assert.Equal([false, true, true, true, true, true], readiness.Rules.Select(r => r.Passed));
    }
}
