using System.Globalization;
using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Infusions.PreInfusion;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Infusions;

/// <summary>Issue 4 items 2–4: pre-checks and their gate, the dose order and preparation, the label, the in-chair events.</summary>
public sealed class PreInfusionDoseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StaffActor Nurse2 { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000a004"), "nurse2@test.clinic", [Web.Platform.ClinicRoles.Nurse]);

    private static PreInfusionHandler PreChecks(InfusionDayScenario s) => s.App.Services.GetRequiredService<PreInfusionHandler>();

    private static DoseHandler Dose(InfusionDayScenario s) => s.App.Services.GetRequiredService<DoseHandler>();

    private static InfusionEventsHandler Events(InfusionDayScenario s) => s.App.Services.GetRequiredService<InfusionEventsHandler>();

    private static async Task<Guid> CheckInAsync(InfusionDayScenario s, int chair = 0)
    {
        var checkIn = Assert.IsType<SessionCommandResult.Done>(await s.Phases.CheckInAsync(s.Clinic.ChairIds[chair], s.Clinic.PatientIds[chair], Nurse, Ct));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.BeginPreChecks, null, Nurse, ct: Ct));
        return checkIn.Session.Id;
    }

    private static IncomingReading Baseline(InfusionDayScenario s, int sbp, int dbp, int hr = 72, int spo2 = 98) =>
        new(Guid.NewGuid().ToString("N"), s.Clock.GetUtcNow(), new VitalValues { SystolicMmHg = sbp, DiastolicMmHg = dbp, HeartRatePerMin = hr, Spo2Percent = spo2, OnOxygen = false, RespiratoryRatePerMin = 14 });

    private static readonly Dictionary<string, ItemAnswer> Phq9Zero = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), _ => ItemAnswer.Of(0m));

    private static readonly Dictionary<string, ItemAnswer> CssrsNo = new() { ["1"] = false, ["2"] = false, ["6"] = false };

    /// <summary>Everything but the vitals: weight 70 kg, scales all negative, escort, consent, negative pregnancy test.</summary>
    private static async Task RecordNonVitalChecksAsync(InfusionDayScenario s, Guid session)
    {
        var h = PreChecks(s);
        Assert.IsType<PreCheckResult.Done>(await h.RecordWeightAsync(session, 70m, Nurse, Ct));
        Assert.IsType<PreCheckResult.Done>(await h.RecordScaleAsync(session, InstrumentIds.Phq9, Phq9Zero, Nurse, Ct));
        Assert.IsType<PreCheckResult.Done>(await h.RecordScaleAsync(session, InstrumentIds.CssrsRecent, CssrsNo, Nurse, Ct));
        Assert.IsType<PreCheckResult.Done>(await h.ConfirmEscortAsync(session, "Sam Escort", "555-0101", Nurse, Ct));
        Assert.IsType<PreCheckResult.Done>(await h.RecordConsentAsync(session, null, "2026-01", new DateOnly(2026, 11, 1), Nurse, Ct));
        Assert.IsType<PreCheckResult.Done>(await h.RecordPregnancyAsync(session, new DateOnly(2026, 11, 27), false, null, Nurse, Ct));
    }

    /// <summary>First reading now, repeat 5 min later (the §2.3 repeat window), both with the same BP.</summary>
    private static async Task<PreInfusionView> RecordVitalsAsync(InfusionDayScenario s, Guid session, int sbp, int dbp)
    {
        Assert.IsType<PreCheckResult.Done>(await PreChecks(s).RecordBaselineVitalsAsync(session, Baseline(s, sbp, dbp), Nurse, Ct));
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        return Assert.IsType<PreCheckResult.Done>(await PreChecks(s).RecordBaselineVitalsAsync(session, Baseline(s, sbp, dbp), Nurse, Ct)).View;
    }

    private static async Task<DoseOrderView> OrderAndPrepareAsync(InfusionDayScenario s, Guid session, decimal mgPerKg = 0.5m)
    {
        var order = Assert.IsType<DoseResult.Ordered>(await Dose(s).OrderAsync(session, new DoseOrderForm { DoseMgPerKg = mgPerKg, VialConcentrationMgPerMl = 10m, DiluentBagVolumeMl = 100m }, Physician, Ct)).Order;
        Assert.IsType<DoseResult.Prepared>(await Dose(s).ConfirmPreparationAsync(session, order.Id,
            new VialConfirmationForm { Lot = "LOT-42", ExpiresOn = new DateOnly(2027, 6, 30), VialConcentrationMgPerMl = 10m, CheckedByName = "nurse2@test.clinic" }, Nurse, Ct));
        return order;
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "BP-PRE-01")]
    [Trait("Rule", "PRE-GATE-01")]
    public async Task GivenBp190Over115OnTheRepeat_WhenStartingTheInfusion_ThenDeferBlocksTheStartWithBpPre01(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        await RecordNonVitalChecksAsync(s, session);
        var view = await RecordVitalsAsync(s, session, 190, 115);
        await OrderAndPrepareAsync(s, session);

        var start = await s.Phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, Physician, ct: Ct);

        Assert.Equal(PreInfusionOutcome.Defer, view.Outcome);
        Assert.Contains(view.Findings, f => f is { Rule: "BP-PRE-01", Level: Enforcement.HardStop });
        var blocked = Assert.IsType<SessionCommandResult.Blocked>(start);
        Assert.Contains(blocked.Findings, f => f.Rule.Value == "BP-PRE-01");
        Assert.Contains(blocked.Findings, f => f.Rule.Value == "PRE-GATE-01");
        // A physician cannot sign a defer away.
        Assert.IsType<PreCheckResult.NotAllowed>(await PreChecks(s).SignOffAsync(session, "benefit outweighs", Physician, Ct));
        await using var db = s.Db();
        Assert.Equal(SessionPhase.PreChecks, (await db.Set<InfusionSession>().SingleAsync(x => x.Id == session, Ct)).Phase);
        // The baseline readings are real readings of the session.
        Assert.Equal(2, await db.Set<VitalReading>().CountAsync(r => r.SessionId == session && r.Source == VitalsSourceKind.Manual, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "BP-PRE-02")]
    public async Task GivenBp150Over95_WhenANurseSignsOffOrStarts_ThenRefusedAndAfterThePhysiciansSignOffItStarts(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        await RecordNonVitalChecksAsync(s, session);
        var view = await RecordVitalsAsync(s, session, 150, 95);
        await OrderAndPrepareAsync(s, session);

        var nurseSignOff = await PreChecks(s).SignOffAsync(session, "looks fine", Nurse, Ct);
        var startUnsigned = await s.Phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, Nurse, ct: Ct);
        var noNote = await PreChecks(s).SignOffAsync(session, "  ", Physician, Ct);
        var signed = await PreChecks(s).SignOffAsync(session, "Known controlled hypertension; benefit outweighs risk.", Physician, Ct);
        var start = await s.Phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, Nurse, ct: Ct);

        Assert.Equal(PreInfusionOutcome.SignOffRequired, view.Outcome);
        Assert.Equal("BP-PRE-02", Assert.Single(view.Findings, f => f.Level == Enforcement.Warn).Rule);
        Assert.IsType<PreCheckResult.NotAllowed>(nurseSignOff);
        Assert.Contains(Assert.IsType<SessionCommandResult.Blocked>(startUnsigned).Findings, f => f.Rule.Value == "BP-PRE-02");
        Assert.IsType<PreCheckResult.Invalid>(noNote);
        Assert.True(Assert.IsType<PreCheckResult.Done>(signed).View.GatePassed);
        Assert.Equal(SessionPhase.Infusing, Assert.IsType<SessionCommandResult.Done>(start).Session.Phase);
        await using var db = s.Db();
        var signOff = await db.Set<SessionEvent>().SingleAsync(e => e.SessionId == session && e.Kind == SessionEventKind.PreChecksSignedOff, Ct);
        Assert.Equal(("BP-PRE-02", "physician@test.clinic"), (signOff.RuleId, signOff.ActorName));
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.ResourceType == "PreInfusionCheck" && e.Action == AuditActions.Override, Ct);
        Assert.Equal("physician@test.clinic", audit.UserName);
        var admin = await db.Set<DoseAdministration>().SingleAsync(a => a.SessionId == session, Ct);
        Assert.Equal(AdministrationStatus.InProgress, admin.Status);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "PRE-DOSE-01")]
    public async Task GivenPassedChecksButNoDose_WhenStarting_ThenBlockedUntilTheVialIsConfirmed(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        await RecordNonVitalChecksAsync(s, session);
        var view = await RecordVitalsAsync(s, session, 120, 80);

        var start = await s.Phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, Nurse, ct: Ct);

        Assert.Equal(PreInfusionOutcome.Proceed, view.Outcome);
        Assert.Equal("PRE-DOSE-01", Assert.Single(Assert.IsType<SessionCommandResult.Blocked>(start).Findings).Rule.Value);
        await OrderAndPrepareAsync(s, session);
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.StartInfusion, null, Nurse, ct: Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "DOSE-02")]
    public async Task GivenAnOrderOf1Point5MgPerKg_WhenThePhysicianOrders_ThenHardStopDose02AndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        Assert.IsType<PreCheckResult.Done>(await PreChecks(s).RecordWeightAsync(session, 70m, Nurse, Ct));

        var refused = await Dose(s).OrderAsync(session, new DoseOrderForm { DoseMgPerKg = 1.5m }, Physician, Ct);
        var byNurse = await Dose(s).OrderAsync(session, new DoseOrderForm { DoseMgPerKg = 0.5m }, Nurse, Ct);

        var r = Assert.IsType<DoseResult.Refused>(refused);
        var outstanding = Assert.Single(r.Outstanding);
        Assert.Equal(("DOSE-02", Enforcement.HardStop), (outstanding.Rule, outstanding.Level));
        Assert.IsType<DoseResult.NotAllowed>(byNurse);
        await using var db = s.Db();
        Assert.Equal(0, await db.Set<InfusionDoseOrder>().CountAsync(Ct));
        Assert.Equal(0, await db.Set<SessionEvent>().CountAsync(e => e.Kind == SessionEventKind.DoseOrdered, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAVialThatExpiredYesterday_WhenTheNurseConfirmsIt_ThenRefusedAndNoDrawIsRecorded(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        Assert.IsType<PreCheckResult.Done>(await PreChecks(s).RecordWeightAsync(session, 70m, Nurse, Ct));
        var order = Assert.IsType<DoseResult.Ordered>(await Dose(s).OrderAsync(session, new DoseOrderForm(), Physician, Ct)).Order;
        await using var before = s.Db();
        var sessionDate = (await before.Set<InfusionSession>().SingleAsync(x => x.Id == session, Ct)).SessionDate;

        var expired = await Dose(s).ConfirmPreparationAsync(session, order.Id,
            new VialConfirmationForm { Lot = "OLD-1", ExpiresOn = sessionDate.AddDays(-1), VialConcentrationMgPerMl = 10m, CheckedByName = "nurse2@test.clinic" }, Nurse, Ct);
        var selfChecked = await Dose(s).ConfirmPreparationAsync(session, order.Id,
            new VialConfirmationForm { Lot = "NEW-1", ExpiresOn = sessionDate, VialConcentrationMgPerMl = 10m, CheckedByName = "nurse@test.clinic" }, Nurse, Ct);
        var good = await Dose(s).ConfirmPreparationAsync(session, order.Id,
            new VialConfirmationForm { Lot = "NEW-1", ExpiresOn = sessionDate, VialConcentrationMgPerMl = 10m, CheckedByName = "nurse2@test.clinic" }, Nurse, Ct);

        Assert.Contains("Expired vial", Assert.Single(Assert.IsType<DoseResult.Invalid>(expired).Problems), StringComparison.Ordinal);
        Assert.IsType<DoseResult.Invalid>(selfChecked);
        Assert.IsType<DoseResult.Prepared>(good);
        await using var db = s.Db();
        var draw = await db.Set<DoseDrawn>().SingleAsync(Ct);
        // DoseDrawn: 0.5 mg/kg × 70 kg = 35 mg = 3.5 mL of 10 mg/mL, waiting for the ledger.
        Assert.Equal(("NEW-1", 3500L, 35000L, 1, (DateTimeOffset?)null), (draw.VialLot, draw.DrawnMicrolitres, draw.DrawnMicrograms, draw.VialsOpened, draw.LedgerPostedAt));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "PUMP-01")]
    [Trait("Rule", "PUMP-02")]
    public async Task GivenA73Point3KgPatientOnAFixed1MgPerMlPreparation_WhenTheLabelPrints_ThenItShowsExactlyTheDosingPlannersNumbers(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        Assert.IsType<PreCheckResult.Done>(await PreChecks(s).RecordWeightAsync(session, 73.3m, Nurse, Ct));
        var form = new DoseOrderForm { DoseMgPerKg = 0.5m, DurationMin = 40, VialConcentrationMgPerMl = 10m, Preparation = PreparationKind.FixedConcentration, TargetConcentrationMgPerMl = 1m };
        var order = Assert.IsType<DoseResult.Ordered>(await Dose(s).OrderAsync(session, form, Physician, Ct)).Order;
        Assert.IsType<DoseResult.Prepared>(await Dose(s).ConfirmPreparationAsync(session, order.Id,
            new VialConfirmationForm { Lot = "LBL-7", ExpiresOn = new DateOnly(2027, 1, 31), VialConcentrationMgPerMl = 10m, CheckedByName = "nurse2@test.clinic" }, Nurse, Ct));
        var expected = Assert.IsType<DosingDecision.Prepare>(DosingPlanner.Plan(
            new BodyMeasurements(73.3m, s.Clock.GetUtcNow()), new DoseOrder(0.5m, 40), new Preparation(10m, new PreparationMethod.FixedConcentration(1m)),
            ClinicProtocol.Default, s.Clock.GetUtcNow())).Plan;

        using var client = s.App.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserAuthentication.Header, TestUserAuthentication.Value(Nurse.UserId, Nurse.Name, Web.Platform.ClinicRoles.Nurse));
        using var response = await client.GetAsync($"/sessions/{session}/dose/label", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {html[..Math.Min(html.Length, 3000)]}");

        static string N(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        // TV-74: 36.65 mg rounds AwayFromZero to 36.7 mg; 3.67 mL drawn; 36.7 mL at 1 mg/mL over 40 min = 55.05 → 55.1 mL/h.
        Assert.Equal((36.7m, 3.67m, 36.7m, 55.1m), (expected.RecordedDose.Milligrams, expected.DrawnVolume.Millilitres, expected.FinalVolumeMl, expected.RateMlPerHour));
        Assert.Contains($"data-test=\"label-dose\">{N(expected.RecordedDose.Milligrams)} mg<", html, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"label-drawn\">{N(expected.DrawnVolume.Millilitres)} mL of 10 mg/mL<", html, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"label-final\">{N(expected.FinalVolumeMl)} mL 0.9% NaCl<", html, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"label-concentration\">{N(expected.FinalConcentrationMgPerMlDisplay)} mg/mL<", html, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"label-rate\">{N(expected.RateMlPerHour)} mL/h over 40 min<", html, StringComparison.Ordinal);
        Assert.Contains("data-test=\"label-lot\">LBL-7 / 2027-01-31<", html, StringComparison.Ordinal);
        await using var db = s.Db();
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.ResourceType == "DoseAdministration" && e.Action == AuditActions.Read, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenARunningInfusion_WhenEventsAndScalesAreRecorded_ThenEachIsOnTheTimelineAndAudited(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.PauseInfusion, "nausea", Nurse, ct: Ct));
        Assert.IsType<InfusionEventResult.Recorded>(await Events(s).AntiemeticAsync(session, "Ondansetron", "4 mg IV", Nurse, Ct));
        Assert.IsType<InfusionEventResult.Recorded>(await Events(s).PositionAsync(session, "Reclined 30°", Nurse, Ct));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.ResumeInfusion, "nausea settled", Nurse, ct: Ct));
        Assert.IsType<InfusionEventResult.Recorded>(await Events(s).AdverseEventAsync(session, AdverseEventSeriousness.Moderate, "Vomited once", Nurse, Ct));
        s.Clock.Advance(TimeSpan.FromMinutes(21));
        await using (var live = s.Db())
        {
            var row = await live.Set<InfusionSession>().AsNoTracking().SingleAsync(x => x.Id == session, Ct);
            // INF-SCALE-01: due once the infusion has run 40 minutes (pauses excluded).
            Assert.Equal([InstrumentIds.Cadss23, InstrumentIds.Moaas], InfusionEventsHandler.ScalesDue(row, [], s.Clock.GetUtcNow(), ClinicProtocol.Default));
        }

        var cadss = await Events(s).ScaleAsync(session, InstrumentIds.Cadss23, Enumerable.Range(1, 23).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), i => ItemAnswer.Of(i % 3 == 0 ? 1m : 0m)), Nurse, Ct);
        var moaas = await Events(s).ScaleAsync(session, InstrumentIds.Moaas, new Dictionary<string, ItemAnswer> { ["1"] = 5 }, Nurse, Ct);
        var frontDesk = await Events(s).PositionAsync(session, "sitting", FrontDesk, Ct);

        Assert.Equal("CADSS-23: 7", Assert.IsType<InfusionEventResult.Recorded>(cadss).Observation.Text);
        Assert.Equal("MOAA/S: 5", Assert.IsType<InfusionEventResult.Recorded>(moaas).Observation.Text);
        Assert.IsType<InfusionEventResult.NotAllowed>(frontDesk);
        await using var db = s.Db();
        var kinds = await db.Set<SessionEvent>().Where(e => e.SessionId == session).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync(Ct);
        Assert.Equal(
            [SessionEventKind.AntiemeticGiven, SessionEventKind.PositionChanged, SessionEventKind.AdverseEvent, SessionEventKind.ScaleScored, SessionEventKind.ScaleScored],
            kinds.Where(k => k is not (SessionEventKind.CheckedIn or SessionEventKind.PhaseChanged)).ToList());
        var adverse = await db.Set<InfusionObservation>().SingleAsync(o => o.Kind == InfusionObservationKind.AdverseEvent, Ct);
        Assert.Equal((AdverseEventSeriousness.Moderate, "Vomited once", 20m), (adverse.Seriousness!.Value, adverse.Text, adverse.InfusionMinute!.Value));
        Assert.Equal(5, await db.Set<AuditEvent>().CountAsync(e => e.ResourceType == "InfusionObservation", Ct));
        // The MOAA/S also went through the vitals pipeline as a reading (VS-SED-01 evaluates it).
        Assert.Equal(5, (await db.Set<VitalReading>().SingleAsync(r => r.SessionId == session && r.Moaas != null, Ct)).Moaas);
        var admin = await db.Set<DoseAdministration>().SingleAsync(a => a.SessionId == session, Ct);
        Assert.Equal(AdministrationStatus.InProgress, admin.Status);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "SCALE-01")]
    public async Task GivenACadssWithItem17Missing_WhenRecorded_ThenRefusedAndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        var answers = Enumerable.Range(1, 23).Where(i => i != 17).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), _ => ItemAnswer.Of(1m));

        var result = await Events(s).ScaleAsync(session, InstrumentIds.Cadss23, answers, Nurse, Ct);
        var outOfRange = await Events(s).ScaleAsync(session, InstrumentIds.Moaas, new Dictionary<string, ItemAnswer> { ["1"] = 6 }, Nurse, Ct);

        Assert.Contains("missing 17", Assert.Single(Assert.IsType<InfusionEventResult.Invalid>(result).Problems), StringComparison.Ordinal);
        Assert.IsType<InfusionEventResult.Invalid>(outOfRange);
        await using var db = s.Db();
        Assert.Equal(0, await db.Set<InfusionObservation>().CountAsync(Ct));
        Assert.Equal(0, await db.Set<SessionEvent>().CountAsync(e => e.Kind == SessionEventKind.ScaleScored, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "SI-ESC-01")]
    [Trait("Rule", "PRE-SCALE-01")]
    public async Task GivenPhq9Item9AnsweredOne_WhenEvaluated_ThenSi1NeedsSignOffAndWithoutCssrsItIsIncomplete(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await CheckInAsync(s);
        var h = PreChecks(s);
        var phq9 = new Dictionary<string, ItemAnswer>(Phq9Zero) { ["9"] = ItemAnswer.Of(1m) };
        var incomplete = Assert.IsType<PreCheckResult.Done>(await h.RecordScaleAsync(session, InstrumentIds.Phq9, phq9, Nurse, Ct)).View;
        await RecordNonVitalChecksAsync(s, session);
        Assert.IsType<PreCheckResult.Done>(await h.RecordScaleAsync(session, InstrumentIds.Phq9, phq9, Nurse, Ct));
        var view = await RecordVitalsAsync(s, session, 120, 80);

        Assert.Equal(PreInfusionOutcome.Incomplete, incomplete.Outcome);
        Assert.Contains(incomplete.Findings, f => f.Rule == "PRE-SCALE-01");
        Assert.Equal(PreInfusionOutcome.SignOffRequired, view.Outcome);
        Assert.Equal("SI-ESC-01", Assert.Single(view.Findings, f => f.Level == Enforcement.Warn).Rule);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAPreparedAdministration_WhenReadOverFhir_ThenTheMapperValidatesAndTheSearchFindsItByPatient(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        var query = s.App.Services.GetRequiredService<MedicationAdministrationQuery>();
        await using var db = s.Db();
        var admin = await db.Set<DoseAdministration>().SingleAsync(a => a.SessionId == session, Ct);

        var read = await query.ReadAsync(admin.Id, Ct);
        var (page, total) = await query.SearchByPatientAsync(admin.PatientId, 20, Ct);

        var resource = Assert.NotNull(read).Resource;
        Assert.NotNull(resource.Dosage?.Dose);
        Assert.Equal(35m, resource.Dosage.Dose.Value);
        Assert.Equal(155.3m, Assert.IsType<Hl7.Fhir.Model.Quantity>(resource.Dosage.Rate, exactMatch: false).Value);
        Assert.Equal(Hl7.Fhir.Model.MedicationAdministration.MedicationAdministrationStatusCodes.InProgress, resource.Status);
        Assert.Equal((1, admin.Id.ToString()), (total, Assert.Single(page).Id));
        var outcome = new KetamineClinic.Interop.Fhir.Validation.FhirProfileValidator().Validate(resource);
        Assert.DoesNotContain(outcome.Issue, i => i.Severity is Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error or Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Fatal);
    }
}
