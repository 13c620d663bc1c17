using System.Globalization;
using System.Text.Json;
using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>The physician's order form (bound by the page and the API; never an entity).</summary>
public sealed class DoseOrderForm
{
    /// <summary>Ordered dose, mg/kg (DOSE-02: 0.1–1.0 without override).</summary>
    public decimal DoseMgPerKg { get; set; } = 0.5m;

    /// <summary>Duration in minutes; null = the protocol default (DOSE-04).</summary>
    public int? DurationMin { get; set; }

    /// <summary>Vial strength, mg/mL (PUMP-04: must be on the formulary).</summary>
    public decimal VialConcentrationMgPerMl { get; set; } = 10m;

    public PreparationKind Preparation { get; set; } = PreparationKind.BagAdditive;

    /// <summary>Bag-additive: the diluent bag's labelled volume (mL).</summary>
    public decimal? DiluentBagVolumeMl { get; set; } = 100m;

    /// <summary>Fixed concentration: the target (mg/mL), e.g. 1.</summary>
    public decimal? TargetConcentrationMgPerMl { get; set; }

    public string Diluent { get; set; } = "0.9% NaCl";

    /// <summary>The ordering physician signs a titration step-up (DOSE-03) by ticking this.</summary>
    public bool SignStepUp { get; set; }
}

/// <summary>The nurse's confirmation of the vial and the preparation.</summary>
public sealed class VialConfirmationForm
{
    public string? Lot { get; set; }
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>The strength printed on the vial in hand (must match the order's).</summary>
    public decimal? VialConcentrationMgPerMl { get; set; }

    /// <summary>The second person who checked the preparation.</summary>
    public string? CheckedByName { get; set; }
}

/// <summary>A stored order as the pages and the API show it.</summary>
public sealed record DoseOrderView(
    Guid Id,
    decimal DoseMgPerKg,
    int DurationMin,
    string WeightBasis,
    decimal DosingWeightKg,
    decimal ActualWeightKg,
    decimal OrderedDoseMg,
    decimal RecordedDoseMg,
    decimal VialConcentrationMgPerMl,
    decimal VialVolumeMl,
    int VialsRequired,
    decimal DrawnVolumeMl,
    PreparationKind Preparation,
    string Diluent,
    decimal DiluentAddedMl,
    decimal DiluentRemovedMl,
    decimal FinalVolumeMl,
    decimal FinalConcentrationMgPerMlDisplay,
    decimal RateMlPerHour,
    decimal DoseRateMgPerMin,
    decimal DoseRateMgPerKgPerHour,
    IReadOnlyList<FindingView> Findings,
    string ProtocolVersion,
    DateTimeOffset OrderedAt,
    string OrderedByName)
{
    public static DoseOrderView From(InfusionDoseOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.DoseMgPerKg, o.DurationMin, o.WeightBasis, o.DosingWeightKg, o.ActualWeightKg, o.OrderedDoseMg, o.RecordedDoseMicrograms / 1000m,
            o.VialConcentrationMgPerMl, o.VialVolumeMl, o.VialsRequired, o.DrawnMicrolitres / 1000m, o.Preparation, o.Diluent, o.DiluentAddedMl, o.DiluentRemovedMl,
            o.FinalVolumeMl, o.FinalConcentrationMgPerMlDisplay, o.RateMlPerHour, o.DoseRateMgPerMin, o.DoseRateMgPerKgPerHour,
            PreInfusionHandler.ReadFindings(o.FindingsJson), o.ProtocolVersion, o.OrderedAt, o.OrderedByName);
    }
}

public sealed record AdministrationView(
    Guid Id,
    Guid OrderId,
    string VialLot,
    DateOnly VialExpiresOn,
    decimal VialConcentrationMgPerMl,
    DateTimeOffset PreparedAt,
    string PreparedByName,
    string CheckedByName,
    AdministrationStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public static AdministrationView From(DoseAdministration a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.OrderId, a.VialLot, a.VialExpiresOn, a.VialConcentrationMgPerMl, a.PreparedAt, a.PreparedByName, a.CheckedByName, a.Status, a.StartedAt, a.EndedAt);
    }
}

/// <summary>The dose page / label: the session's current order and its administration, with the patient.</summary>
public sealed record DoseSheet(
    Guid SessionId,
    Guid PatientId,
    SessionPhase Phase,
    string PatientName,
    string Mrn,
    DateOnly BornOn,
    decimal? WeightTodayKg,
    DoseOrderView? Order,
    AdministrationView? Administration);

/// <summary>The answer of a dose command. Closed hierarchy.</summary>
public abstract record DoseResult
{
    private DoseResult()
    {
    }

    public sealed record Ordered(DoseOrderView Order) : DoseResult;

    public sealed record Prepared(AdministrationView Administration) : DoseResult;

    /// <summary>DosingPlanner said DoNotPrepare: nothing was stored. <see cref="Preview"/> is the arithmetic when it could be computed.</summary>
    public sealed record Refused(IReadOnlyList<FindingView> Outstanding, IReadOnlyList<FindingView> Findings, DosePlan? Preview) : DoseResult;

    public sealed record NotFound(string Message) : DoseResult;

    public sealed record NotAllowed(string Message) : DoseResult;

    public sealed record Invalid(IReadOnlyList<string> Problems) : DoseResult;

    public sealed record Conflict(string Message) : DoseResult;
}

/// <summary>
/// The dose: a physician orders (mg/kg, duration, vial strength, preparation) and the Domain
/// <see cref="DosingPlanner"/> computes the plan and runs the dosing gates (DOSE-*, PUMP-*); only a
/// <c>Prepare</c> decision is stored, with its findings and protocol version. A nurse then confirms the vial
/// (lot, expiry: an expired vial is refused) and the preparation, which stores the administration and its
/// <see cref="DoseDrawn"/> event for the controlled-substance ledger.
/// </summary>
public sealed class DoseHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    ActorAuditTrails audits,
    SessionBroadcaster broadcaster)
{
    /// <summary>Reads the session's dose sheet (order, administration, patient). The caller audits the read.</summary>
    public async Task<DoseSheet?> LoadAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == session.PatientId).Select(p => new { p.GivenName, p.FamilyName, p.Mrn, p.BornOn }).FirstAsync(ct);
        var order = await db.Set<InfusionDoseOrder>().AsNoTracking().Where(o => o.SessionId == sessionId && o.IsCurrent).OrderByDescending(o => o.OrderedAt).FirstOrDefaultAsync(ct);
        var admin = order is null ? null : await db.Set<DoseAdministration>().AsNoTracking().FirstOrDefaultAsync(a => a.OrderId == order.Id, ct);
        var weight = await TodaysWeightAsync(db, session, ct);
        return new DoseSheet(session.Id, session.PatientId, session.Phase, patient.FamilyName + ", " + patient.GivenName, patient.Mrn, patient.BornOn, weight?.WeightKg,
            order is null ? null : DoseOrderView.From(order), admin is null ? null : AdministrationView.From(admin));
    }

    /// <summary>A physician orders the dose. Out-of-protocol orders come back <see cref="DoseResult.Refused"/> and nothing is stored.</summary>
    public async Task<DoseResult> OrderAsync(Guid sessionId, DoseOrderForm form, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPhysician)
        {
            return new DoseResult.NotAllowed("Only a physician orders the dose.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new DoseResult.NotFound("No such session.");
        }

        if (session.Phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
        {
            return new DoseResult.NotAllowed("The dose is ordered before the infusion starts.");
        }

        var weight = await TodaysWeightAsync(db, session, ct) ?? await db.WeightMeasurements.AsNoTracking()
            .Where(w => w.PatientId == session.PatientId).OrderByDescending(w => w.MeasuredAt).FirstOrDefaultAsync(ct);
        if (weight is null)
        {
            return new DoseResult.Invalid(["No weight recorded: record today's weight in the pre-checks first."]);
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == session.PatientId).Select(p => new { p.HeightCm, p.CreatedAt, p.SexAtBirth }).FirstAsync(ct);
        var previous = await db.Set<InfusionDoseOrder>().AsNoTracking()
            .Where(o => o.PatientId == session.PatientId && o.SessionId != sessionId && o.IsCurrent
                        && db.Set<DoseAdministration>().Any(a => a.OrderId == o.Id && a.StartedAt != null))
            .OrderByDescending(o => o.OrderedAt).Select(o => (decimal?)o.DoseMgPerKg).FirstOrDefaultAsync(ct);

        DoseOrder order;
        Preparation preparation;
        BodyMeasurements measured;
        try
        {
            order = new DoseOrder(form.DoseMgPerKg, form.DurationMin, previous, form.SignStepUp ? new StepUpSignOff(actor.Name, now) : null);
            PreparationMethod method = form.Preparation switch
            {
                PreparationKind.BagAdditive => new PreparationMethod.BagAdditive(form.DiluentBagVolumeMl ?? 0m, form.Diluent),
                PreparationKind.FixedConcentration => new PreparationMethod.FixedConcentration(form.TargetConcentrationMgPerMl ?? 0m, form.Diluent),
            };
            preparation = new Preparation(form.VialConcentrationMgPerMl, method);
            measured = new BodyMeasurements(
                weight.WeightKg,
                weight.MeasuredAt,
                patient.HeightCm is >= 50m and <= 300m ? patient.HeightCm : null,
                patient.HeightCm is >= 50m and <= 300m ? patient.CreatedAt : null,
                patient.SexAtBirth switch
                {
                    SexAtBirth.Male => SexForDosing.Male,
                    SexAtBirth.Female => SexForDosing.Female,
                    SexAtBirth.Intersex or SexAtBirth.Unknown => null,
                });
        }
        catch (ArgumentException ex)
        {
            return new DoseResult.Invalid([ex.Message]);
        }

        // No overrides are passed: a HARD STOP (DOSE-02, DOSE-04, DOSE-WT-03) refuses the order here; the physician
        // corrects it (docs/infusion-day.md, "Dose").
        var decision = DosingPlanner.Plan(measured, order, preparation, protocol, now);
        var findings = decision.Findings.Select(FindingView.From).ToList();
        if (decision is not DosingDecision.Prepare { Plan: var plan })
        {
            var refused = (DosingDecision.DoNotPrepare)decision;
            return new DoseResult.Refused([.. refused.Outstanding.Select(FindingView.From)], findings, refused.Preview);
        }

        foreach (var old in await db.Set<InfusionDoseOrder>().Where(o => o.SessionId == sessionId && o.IsCurrent).ToListAsync(ct))
        {
            old.IsCurrent = false;
        }

        var row = new InfusionDoseOrder
        {
            SessionId = sessionId,
            PatientId = session.PatientId,
            DoseMgPerKg = plan.DoseMgPerKg,
            DurationMin = plan.DurationMin,
            PreviousDoseMgPerKg = previous,
            VialConcentrationMgPerMl = plan.Vial.ConcentrationMgPerMl,
            VialVolumeMl = plan.Vial.VolumeMl,
            Preparation = form.Preparation,
            DiluentBagVolumeMl = plan.Method is PreparationMethod.BagAdditive bag ? bag.DiluentBagVolumeMl : null,
            TargetConcentrationMgPerMl = plan.Method is PreparationMethod.FixedConcentration fc ? fc.TargetConcentrationMgPerMl : null,
            Diluent = form.Diluent,
            WeightBasis = plan.Weight.Basis.ToString(),
            DosingWeightKg = plan.Weight.DosingWeightKg,
            ActualWeightKg = plan.Weight.ActualWeightKg,
            WeightMeasuredAt = plan.Weight.WeightMeasuredAt,
            HeightCm = plan.Weight.HeightCm,
            BmiKgPerM2 = plan.Weight.BmiKgPerM2,
            OrderedDoseMg = plan.OrderedDoseMg,
            DrawnMicrolitres = plan.DrawnVolume.Microlitres,
            RecordedDoseMicrograms = plan.RecordedDose.Micrograms,
            VialsRequired = plan.VialsRequired,
            DiluentRemovedMl = plan.DiluentRemovedMl,
            DiluentAddedMl = plan.DiluentAddedMl,
            FinalVolumeMl = plan.FinalVolumeMl,
            FinalConcentrationMgPerMlDisplay = plan.FinalConcentrationMgPerMlDisplay,
            RateMlPerHour = plan.RateMlPerHour,
            DoseRateMgPerMin = plan.DoseRateMgPerMin,
            DoseRateMgPerKgPerHour = plan.DoseRateMgPerKgPerHour,
            FindingsJson = JsonSerializer.Serialize(findings, PreInfusionHandler.Json),
            UnroundedJson = JsonSerializer.Serialize(plan.Unrounded),
            ProtocolVersion = plan.ProtocolVersion.Value,
            OrderedAt = now,
            OrderedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            OrderedByName = actor.Name,
        };
        db.Add(row);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{plan.DoseMgPerKg} mg/kg × {plan.Weight.DosingWeightKg} kg ({plan.Weight.Basis}) = {plan.RecordedDose.Milligrams} mg over {plan.DurationMin} min, {plan.FinalVolumeMl} mL at {plan.RateMlPerHour} mL/h");
        db.Add(new SessionEvent
        {
            SessionId = sessionId,
            At = now,
            Kind = SessionEventKind.DoseOrdered,
            Reason = summary,
            ActorUserId = row.OrderedByUserId,
            ActorName = actor.Name,
        });
        // PUMP-02: the unrounded values go to the audit log.
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "InfusionDoseOrder", row.Id.ToString(), session.PatientId,
            Detail: Cap(summary + "; unrounded " + row.UnroundedJson, 1000)));
        await db.SaveChangesAsync(ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new DoseResult.Ordered(DoseOrderView.From(row));
    }

    /// <summary>
    /// A nurse (or physician) confirms the vial in hand and the preparation of the current order. Refused: an expired
    /// vial (expiry before the session day), a strength other than the order's, a missing lot or second checker.
    /// Stores the administration and its <see cref="DoseDrawn"/> in one unit of work.
    /// </summary>
    public async Task<DoseResult> ConfirmPreparationAsync(Guid sessionId, Guid orderId, VialConfirmationForm form, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new DoseResult.NotAllowed("Only nurses and physicians prepare the dose.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        var order = await db.Set<InfusionDoseOrder>().FirstOrDefaultAsync(o => o.Id == orderId && o.SessionId == sessionId, ct);
        if (session is null || order is null)
        {
            return new DoseResult.NotFound("No such order for this session.");
        }

        if (!order.IsCurrent)
        {
            return new DoseResult.Conflict("This order was replaced by a newer one; prepare the current order.");
        }

        if (session.Phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
        {
            return new DoseResult.NotAllowed("The dose is prepared before the infusion starts.");
        }

        var problems = new List<string>();
        var lot = form.Lot?.Trim();
        var checker = form.CheckedByName?.Trim();
        if (string.IsNullOrEmpty(lot) || lot.Length > 40)
        {
            problems.Add("The vial's lot number is required (at most 40 characters).");
        }

        if (form.ExpiresOn is not { } expires)
        {
            problems.Add("The vial's expiry date is required.");
        }
        else if (expires < session.SessionDate)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Expired vial: it expired on {expires:yyyy-MM-dd}. Take another vial."));
        }

        if (form.VialConcentrationMgPerMl != order.VialConcentrationMgPerMl)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The vial in hand must be {order.VialConcentrationMgPerMl} mg/mL, as ordered."));
        }

        if (string.IsNullOrEmpty(checker) || checker.Length > 256)
        {
            problems.Add("A second person checks the preparation: enter their name.");
        }
        else if (string.Equals(checker, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The second check must be done by someone other than the person preparing.");
        }

        if (problems.Count > 0)
        {
            return new DoseResult.Invalid(problems);
        }

        if (await db.Set<DoseAdministration>().AnyAsync(a => a.OrderId == orderId, ct))
        {
            return new DoseResult.Conflict("This order is already prepared.");
        }

        var admin = new DoseAdministration
        {
            OrderId = order.Id,
            SessionId = sessionId,
            PatientId = session.PatientId,
            VialLot = lot!,
            VialExpiresOn = form.ExpiresOn!.Value,
            VialConcentrationMgPerMl = order.VialConcentrationMgPerMl,
            PreparedAt = now,
            PreparedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            PreparedByName = actor.Name,
            CheckedByName = checker!,
            ProtocolVersion = order.ProtocolVersion,
        };
        db.Add(admin);
        // The ledger's hook: the draw waits here, unposted, until the controlled-substance ledger consumes it.
        db.Add(new DoseDrawn
        {
            AdministrationId = admin.Id,
            SessionId = sessionId,
            PatientId = session.PatientId,
            SiteId = session.SiteId,
            At = now,
            VialLot = admin.VialLot,
            VialExpiresOn = admin.VialExpiresOn,
            VialConcentrationMgPerMl = order.VialConcentrationMgPerMl,
            VialVolumeMl = order.VialVolumeMl,
            VialsOpened = order.VialsRequired,
            DrawnMicrolitres = order.DrawnMicrolitres,
            DrawnMicrograms = order.RecordedDoseMicrograms,
            WastedMicrolitres = 0,
            WastedMicrograms = 0,
            ByUserId = admin.PreparedByUserId,
            ByName = actor.Name,
            WitnessName = checker!,
            ProtocolVersion = order.ProtocolVersion,
        });
        db.Add(new SessionEvent
        {
            SessionId = sessionId,
            At = now,
            Kind = SessionEventKind.DosePrepared,
            Reason = string.Create(CultureInfo.InvariantCulture, $"lot {admin.VialLot} exp {admin.VialExpiresOn:yyyy-MM-dd}, {order.DrawnMicrolitres / 1000m} mL of {order.VialConcentrationMgPerMl} mg/mL, checked by {admin.CheckedByName}"),
            ActorUserId = admin.PreparedByUserId,
            ActorName = actor.Name,
        });
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "DoseAdministration", admin.Id.ToString(), session.PatientId, Detail: "vial confirmed, dose prepared"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new DoseResult.Conflict("The dose was prepared by someone else at the same moment.");
        }

        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new DoseResult.Prepared(AdministrationView.From(admin));
    }

    /// <summary>
    /// Keeps the administration in step with the session (called by <see cref="SessionPhaseHandler"/> in its unit of
    /// work): start → in progress and the planned minutes from the order; pause → on hold; resume → in progress;
    /// stop → completed, or stopped when ended early; abort → stopped.
    /// </summary>
    internal static async Task OnPhaseAsync(ClinicDbContext db, InfusionSession session, PhaseCommand command, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var admin = await db.Set<DoseAdministration>()
            .Where(a => a.SessionId == session.Id && a.Status != AdministrationStatus.Completed && a.Status != AdministrationStatus.Stopped
                        && db.Set<InfusionDoseOrder>().Any(o => o.Id == a.OrderId && o.IsCurrent))
            .FirstOrDefaultAsync(ct);
        if (admin is null)
        {
            return;
        }

        switch (command)
        {
            case PhaseCommand.StartInfusion:
                admin.Status = AdministrationStatus.InProgress;
                admin.StartedAt = now;
                session.PlannedInfusionMinutes = await db.Set<InfusionDoseOrder>().Where(o => o.Id == admin.OrderId).Select(o => o.DurationMin).FirstAsync(ct);
                break;
            case PhaseCommand.PauseInfusion:
                admin.Status = AdministrationStatus.OnHold;
                admin.StatusReason = reason;
                break;
            case PhaseCommand.ResumeInfusion:
                admin.Status = AdministrationStatus.InProgress;
                break;
            case PhaseCommand.StopInfusion:
                var early = SessionPhaseHandler.InfusedMinutes(session, now) < session.PlannedInfusionMinutes;
                admin.Status = early ? AdministrationStatus.Stopped : AdministrationStatus.Completed;
                admin.StatusReason = reason;
                admin.EndedAt = now;
                break;
            case PhaseCommand.Abort when admin.StartedAt is not null:
                admin.Status = AdministrationStatus.Stopped;
                admin.StatusReason = reason;
                admin.EndedAt = now;
                break;
            case PhaseCommand.Abort:
            case PhaseCommand.BeginPreChecks:
            case PhaseCommand.MarkReadyForDischarge:
            case PhaseCommand.ReturnToRecovery:
            case PhaseCommand.Discharge:
                return;
        }

        admin.Version = Guid.NewGuid();
    }

    private static Task<WeightMeasurement?> TodaysWeightAsync(ClinicDbContext db, InfusionSession session, CancellationToken ct) =>
        db.Set<PreInfusionCheck>().Where(c => c.SessionId == session.Id && c.WeightMeasurementId != null)
            .Join(db.WeightMeasurements, c => c.WeightMeasurementId, w => w.Id, (_, w) => w)
            .AsNoTracking().FirstOrDefaultAsync(ct);

    private static string Cap(string s, int max) => s.Length <= max ? s : s[..max];
}
