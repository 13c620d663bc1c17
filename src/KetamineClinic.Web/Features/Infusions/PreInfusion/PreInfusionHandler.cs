using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>
/// The pre-infusion checks of a session (clinical-spec §2.2, §2.3, §4.2, §6.7, §8.1): today's weight, the baseline
/// vitals and their repeat (real readings through <see cref="VitalsIngestion"/>), the same-day PHQ-9 and C-SSRS,
/// escort, consent and pregnancy screening. Every write is audited, goes on the timeline and re-evaluates the
/// Domain <see cref="PreInfusionChecklist"/>; the stored outcome is what <see cref="SessionPhaseHandler"/> checks
/// before it starts the infusion. Nurses and physicians record; only a physician signs off WARN findings.
/// </summary>
public sealed class PreInfusionHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    VitalsIngestion ingestion,
    ISameDayScales sameDay,
    Questionnaires.InstrumentSubmissionHandler submissions,
    ActorAuditTrails audits,
    SessionBroadcaster broadcaster)
{
    public const string DefaultConsentType = "IV ketamine treatment (off-label)";

    private static readonly string[] Phq9Ids = [InstrumentIds.Phq9];

    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Loads the pre-checks of a session, re-evaluating them (time matters: a repeat reading falls due).</summary>
    public async Task<PreInfusionView?> LoadAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var check = await db.Set<PreInfusionCheck>().FirstOrDefaultAsync(c => c.SessionId == sessionId, ct);
        if (check is not null && !SessionPhases.IsTerminal(session.Phase) && session.InfusionStartedAt is null)
        {
            var before = (check.Outcome, check.FindingsJson);
            await EvaluateIntoAsync(db, session, check, ct);
            if (before != (check.Outcome, check.FindingsJson))
            {
                await db.SaveChangesAsync(ct);
            }
        }

        return await ViewAsync(db, session, check, ct);
    }

    public Task<PreCheckResult> RecordWeightAsync(Guid sessionId, decimal weightKg, StaffActor actor, CancellationToken ct = default) =>
        ChangeAsync(sessionId, actor, "weight", (db, session, check, now) =>
        {
            // Plausibility is DOSE-WT-03's job at dosing; here only a value a scale can show.
            if (weightKg is <= 0 or > 1000)
            {
                return Task.FromResult<string?>("Weight must be more than 0 and at most 1000 kg.");
            }

            var w = new WeightMeasurement { PatientId = session.PatientId, WeightKg = decimal.Round(weightKg, 2, MidpointRounding.AwayFromZero), MeasuredAt = now, RecordedBy = actor.Name };
            db.Add(w);
            check.WeightMeasurementId = w.Id;
            return Task.FromResult<string?>(null);
        }, string.Create(CultureInfo.InvariantCulture, $"weight {weightKg} kg"), ct);

    /// <summary>
    /// Stores a seated baseline reading through the one vitals pipeline (a real reading, charted and evaluated), and
    /// designates it as the first reading or, when a first exists, as its repeat (§2.3 repeat rule).
    /// </summary>
    public async Task<PreCheckResult> RecordBaselineVitalsAsync(Guid sessionId, IncomingReading reading, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new PreCheckResult.NotAllowed("Only nurses and physicians record pre-infusion checks.");
        }

        if (reading.Values.SystolicMmHg is null || reading.Values.HeartRatePerMin is null || reading.Values.Spo2Percent is null)
        {
            return new PreCheckResult.Invalid(["A baseline reading needs blood pressure, heart rate and SpO2 (the §2.3 gates)."]);
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var phase = await db.Set<InfusionSession>().Where(s => s.Id == sessionId).Select(s => (SessionPhase?)s.Phase).FirstOrDefaultAsync(ct);
            if (phase is null)
            {
                return new PreCheckResult.NotFound("No such session.");
            }

            if (phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
            {
                return new PreCheckResult.NotAllowed("Pre-infusion checks are closed: the infusion has started or the session ended.");
            }
        }

        var result = await ingestion.IngestAsync(new VitalsBatch(
            VitalsSourceKind.Manual,
            new VitalsTarget.OfSession(sessionId),
            new VitalsSender.Clinician(actor.UserId, actor.Name, string.Join(',', actor.Roles)),
            [reading]), ct);
        Guid readingId;
        switch (result)
        {
            case VitalsIngestionResult.Accepted accepted:
                readingId = accepted.Readings[0].ReadingId;
                break;
            case VitalsIngestionResult.Refused refused:
                return new PreCheckResult.Invalid([.. refused.Problems.Select(p => p.Message)]);
            case VitalsIngestionResult.NoOpenSession closed:
                return new PreCheckResult.NotAllowed(closed.Detail);
            case VitalsIngestionResult.UnknownTarget unknown:
                return new PreCheckResult.NotFound(unknown.Detail);
            default:
                throw new InvalidOperationException("Unknown ingestion result.");
        }

        return await ChangeAsync(sessionId, actor, "baseline vitals", async (db, _, check, _) =>
        {
            var taken = await db.Set<VitalReading>().Where(r => r.Id == readingId).Select(r => r.TakenAt).FirstAsync(ct);
            var firstAt = check.FirstReadingId is { } f
                ? await db.Set<VitalReading>().Where(r => r.Id == f).Select(r => (DateTimeOffset?)r.TakenAt).FirstOrDefaultAsync(ct)
                : null;
            if (firstAt is null || taken <= firstAt)
            {
                // No first reading yet (or this one was taken before it): it is the first; any repeat is dropped.
                check.FirstReadingId = readingId;
                check.RepeatReadingId = null;
            }
            else
            {
                check.RepeatReadingId = readingId;
            }

            return null;
        }, Vitals(reading.Values), ct);
    }

    public Task<PreCheckResult> ConfirmEscortAsync(Guid sessionId, string? name, string? phone, StaffActor actor, CancellationToken ct = default) =>
        ChangeAsync(sessionId, actor, "escort", (_, _, check, now) =>
        {
            name = name?.Trim();
            phone = phone?.Trim();
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(phone))
            {
                return Task.FromResult<string?>("The escort's name and phone number are both required.");
            }

            if (name.Length > 200 || phone.Length > 40)
            {
                return Task.FromResult<string?>("Name at most 200 and phone at most 40 characters.");
            }

            check.EscortName = name;
            check.EscortPhone = phone;
            check.EscortConfirmedAt = now;
            check.EscortConfirmedByName = actor.Name;
            return Task.FromResult<string?>(null);
        }, "escort confirmed", ct);

    /// <summary>Records a signed consent on the patient (PRE-CONSENT-01): type, form version, signing date.</summary>
    public Task<PreCheckResult> RecordConsentAsync(Guid sessionId, string? consentType, string? formVersion, DateOnly signedOn, StaffActor actor, CancellationToken ct = default) =>
        ChangeAsync(sessionId, actor, "consent", (db, session, _, now) =>
        {
            consentType = string.IsNullOrWhiteSpace(consentType) ? DefaultConsentType : consentType.Trim();
            formVersion = formVersion?.Trim();
            if (string.IsNullOrEmpty(formVersion) || formVersion.Length > 40 || consentType.Length > 120)
            {
                return Task.FromResult<string?>("The consent form's version is required (at most 40 characters).");
            }

            if (signedOn > session.SessionDate)
            {
                return Task.FromResult<string?>("The consent cannot be signed after today.");
            }

            db.Add(new PatientConsent
            {
                PatientId = session.PatientId,
                ConsentType = consentType,
                FormVersion = formVersion,
                SignedOn = signedOn,
                RecordedAt = now,
                RecordedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
                RecordedByName = actor.Name,
            });
            return Task.FromResult<string?>(null);
        }, "consent recorded", ct);

    /// <summary>
    /// A nurse administers the PHQ-9 or a C-SSRS screener at the chair: stored through the questionnaire feature's
    /// <see cref="Questionnaires.InstrumentSubmissionHandler"/> (scoring, SI escalation, flag and alert), then the
    /// checklist is re-evaluated. An invalid response is refused and nothing is stored.
    /// </summary>
    public async Task<PreCheckResult> RecordScaleAsync(Guid sessionId, string instrumentId, IReadOnlyDictionary<string, ItemAnswer> answers, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(actor);
        if (instrumentId is not (InstrumentIds.Phq9 or InstrumentIds.CssrsRecent or InstrumentIds.CssrsSinceLastVisit))
        {
            return new PreCheckResult.Invalid(["Pre-checks take the PHQ-9 and the C-SSRS screener."]);
        }

        if (!actor.IsClinical)
        {
            return new PreCheckResult.NotAllowed("Only nurses and physicians record pre-infusion checks.");
        }

        Guid patientId;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var session = await db.Set<InfusionSession>().AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.PatientId, s.Phase }).FirstOrDefaultAsync(ct);
            if (session is null)
            {
                return new PreCheckResult.NotFound("No such session.");
            }

            if (session.Phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
            {
                return new PreCheckResult.NotAllowed("Pre-infusion checks are closed: the infusion has started or the session ended.");
            }

            patientId = session.PatientId;
        }

        var submitted = await submissions.SubmitAsync(new Questionnaires.InstrumentSubmission(
            patientId, instrumentId, answers, clock.GetUtcNow(), Questionnaires.ResponseSource.Staff,
            new Questionnaires.InstrumentSubmitter(actor.UserId == Guid.Empty ? null : actor.UserId, actor.Name, string.Join(',', actor.Roles)),
            sessionId), ct);
        return submitted switch
        {
            Questionnaires.InstrumentSubmissionResult.Accepted a => await ScaleRecordedAsync(sessionId, a, actor, ct),
            Questionnaires.InstrumentSubmissionResult.Invalid i => new PreCheckResult.Invalid([.. i.Errors.Select(e => e.Message)]),
            Questionnaires.InstrumentSubmissionResult.Refused r => new PreCheckResult.Invalid([r.Message]),
            _ => throw new InvalidOperationException("Unknown submission result."),
        };
    }

    /// <summary>
    /// After a scale was stored by the questionnaire feature (e.g. the staff administer component on the pre-check
    /// page): note it on the timeline and re-evaluate the checklist.
    /// </summary>
    public Task<PreCheckResult> ScaleRecordedAsync(Guid sessionId, Questionnaires.InstrumentSubmissionResult.Accepted accepted, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var result = accepted.Total is { } total ? string.Create(CultureInfo.InvariantCulture, $"total {total}") : accepted.CssrsRisk is { } risk ? $"risk {risk}" : accepted.Outcome.ToString();
        return ChangeAsync(sessionId, actor, accepted.InstrumentId, (_, _, _, _) => Task.FromResult<string?>(null), $"{accepted.Title} {result}", ct);
    }

    /// <summary>Records today's pregnancy test, or the attestation that the patient is not of reproductive potential (with the reason).</summary>
    public Task<PreCheckResult> RecordPregnancyAsync(Guid sessionId, DateOnly? testOn, bool? positive, string? notOfReproductivePotentialReason, StaffActor actor, CancellationToken ct = default) =>
        ChangeAsync(sessionId, actor, "pregnancy screen", (_, session, check, _) =>
        {
            notOfReproductivePotentialReason = string.IsNullOrWhiteSpace(notOfReproductivePotentialReason) ? null : notOfReproductivePotentialReason.Trim();
            if (notOfReproductivePotentialReason is { Length: > 300 })
            {
                return Task.FromResult<string?>("The reason is at most 300 characters.");
            }

            if (notOfReproductivePotentialReason is null && (testOn is null || positive is null))
            {
                return Task.FromResult<string?>("Record the test (date and result), or why the patient is not of reproductive potential.");
            }

            if (testOn > session.SessionDate)
            {
                return Task.FromResult<string?>("The test cannot be dated after today.");
            }

            check.PregnancyTestOn = testOn;
            check.PregnancyTestPositive = positive;
            check.NotOfReproductivePotentialReason = notOfReproductivePotentialReason;
            check.PregnancyRecordedByName = actor.Name;
            return Task.FromResult<string?>(null);
        }, "pregnancy screen recorded", ct);

    /// <summary>
    /// A physician signs off the WARN findings of the current evaluation (BP-PRE-02/03, HR-PRE-02, SI-ESC-01 at SI-1/2)
    /// with the risk–benefit note. Refused for anyone but a physician (server-side), and when the checks defer or
    /// are incomplete. Audited; on the timeline.
    /// </summary>
    public async Task<PreCheckResult> SignOffAsync(Guid sessionId, string? note, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPhysician)
        {
            return new PreCheckResult.NotAllowed("Only a physician signs off pre-infusion warnings.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is null || note.Length > 1000)
        {
            return new PreCheckResult.Invalid(["Write the risk–benefit decision (up to 1000 characters)."]);
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        var check = await db.Set<PreInfusionCheck>().FirstOrDefaultAsync(c => c.SessionId == sessionId, ct);
        if (session is null || check is null)
        {
            return new PreCheckResult.NotFound("No pre-infusion checks for this session.");
        }

        if (session.Phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
        {
            return new PreCheckResult.NotAllowed("Pre-infusion checks are closed.");
        }

        await EvaluateIntoAsync(db, session, check, ct);
        if (check.Outcome != nameof(PreInfusionOutcome.SignOffRequired))
        {
            await db.SaveChangesAsync(ct);
            return new PreCheckResult.NotAllowed(check.Outcome switch
            {
                nameof(PreInfusionOutcome.Proceed) => "Nothing to sign off: the checks passed.",
                nameof(PreInfusionOutcome.Defer) => "The checks defer the infusion; a sign-off cannot release it.",
                _ => "The checks are incomplete; finish them before signing off.",
            });
        }

        check.SignedOffRuleIds = check.WarnRuleIds;
        check.SignedOffAt = now;
        check.SignedOffByUserId = actor.UserId == Guid.Empty ? null : actor.UserId;
        check.SignedOffByName = actor.Name;
        check.SignOffNote = note;
        check.Version = Guid.NewGuid();
        db.Add(new SessionEvent
        {
            SessionId = sessionId,
            At = now,
            Kind = SessionEventKind.PreChecksSignedOff,
            RuleId = Truncate(check.WarnRuleIds, 32),
            Reason = Truncate(note, SessionPhaseHandler.MaxReasonLength),
            ActorUserId = check.SignedOffByUserId,
            ActorName = actor.Name,
        });
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Override, "PreInfusionCheck", check.Id.ToString(), session.PatientId, Detail: $"sign-off {check.WarnRuleIds}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PreCheckResult.Conflict("The checks changed at the same moment; reload and sign again.");
        }

        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new PreCheckResult.Done(await ViewAsync(db, session, check, ct));
    }

    /// <summary>
    /// What holds <c>StartInfusion</c> back (empty = may start): the stored checklist must have passed on an
    /// evaluation at least as new as its inputs (with a physician sign-off covering every WARN), and a dose must be
    /// ordered, prepared and confirmed. Called by <see cref="SessionPhaseHandler"/> inside its unit of work.
    /// </summary>
    public static async Task<IReadOnlyList<RuleFinding>> StartBlockersAsync(ClinicDbContext db, Guid sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var blockers = new List<RuleFinding>();
        var check = await db.Set<PreInfusionCheck>().AsNoTracking().FirstOrDefaultAsync(c => c.SessionId == sessionId, ct);
        if (check?.EvaluatedAt is null || check.EvaluatedAt < check.InputsChangedAt)
        {
            blockers.Add(new RuleFinding(PreInfusionRuleIds.GateNotPassed, Enforcement.Block, "PRE-GATE-01: the pre-infusion checks have not been completed and evaluated.", ["C"]));
        }
        else
        {
            var findings = ReadFindings(check.FindingsJson);
            switch (check.Outcome)
            {
                case nameof(PreInfusionOutcome.Proceed):
                    break;
                case nameof(PreInfusionOutcome.SignOffRequired) when Covers(check.SignedOffRuleIds, check.WarnRuleIds):
                    break;
                case nameof(PreInfusionOutcome.SignOffRequired):
                    blockers.AddRange(findings.Where(f => f.Level == Enforcement.Warn).Select(f =>
                        new RuleFinding(f.Rule, Enforcement.Block, f.Message + " A physician's sign-off is required before starting.", ["C"], ClinicalAuthority.Physician)));
                    break;
                default:
                    blockers.Add(new RuleFinding(PreInfusionRuleIds.GateNotPassed, Enforcement.Block, $"PRE-GATE-01: the pre-infusion checks are {check.Outcome}.", ["C"]));
                    blockers.AddRange(findings.Where(f => f.Level is Enforcement.HardStop or Enforcement.Block).Select(f => new RuleFinding(f.Rule, f.Level, f.Message, ["C"], f.Authority)));
                    break;
            }
        }

        var confirmed = await db.Set<DoseAdministration>().AnyAsync(a => a.SessionId == sessionId && a.Status == AdministrationStatus.Prepared
            && db.Set<InfusionDoseOrder>().Any(o => o.Id == a.OrderId && o.IsCurrent), ct);
        if (!confirmed)
        {
            blockers.Add(new RuleFinding(PreInfusionRuleIds.DoseNotConfirmed, Enforcement.Block, "PRE-DOSE-01: no dose ordered by a physician and prepared with a confirmed vial.", ["C"]));
        }

        return blockers;
    }

    internal static IReadOnlyList<FindingView> ReadFindings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<FindingView>>(json, Json) ?? [];

    private static bool Covers(string? signed, string? needed)
    {
        var have = (signed ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return (needed ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).All(have.Contains);
    }

    private async Task<PreCheckResult> ChangeAsync(
        Guid sessionId,
        StaffActor actor,
        string what,
        Func<ClinicDbContext, InfusionSession, PreInfusionCheck, DateTimeOffset, Task<string?>> apply,
        string detail,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new PreCheckResult.NotAllowed("Only nurses and physicians record pre-infusion checks.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new PreCheckResult.NotFound("No such session.");
        }

        if (session.Phase is not (SessionPhase.CheckedIn or SessionPhase.PreChecks))
        {
            return new PreCheckResult.NotAllowed("Pre-infusion checks are closed: the infusion has started or the session ended.");
        }

        var check = await db.Set<PreInfusionCheck>().FirstOrDefaultAsync(c => c.SessionId == sessionId, ct);
        if (check is null)
        {
            check = new PreInfusionCheck { SessionId = sessionId, PatientId = session.PatientId };
            db.Add(check);
        }

        if (await apply(db, session, check, now) is { } problem)
        {
            return new PreCheckResult.Invalid([problem]);
        }

        check.InputsChangedAt = now;
        check.Version = Guid.NewGuid();
        db.Add(new SessionEvent
        {
            SessionId = sessionId,
            At = now,
            Kind = SessionEventKind.PreCheckRecorded,
            Reason = Truncate(detail, SessionPhaseHandler.MaxReasonLength),
            ActorUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            ActorName = actor.Name,
        });
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Update, "PreInfusionCheck", check.Id.ToString(), session.PatientId, Detail: what));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new PreCheckResult.Conflict("Someone else recorded a pre-check at the same moment; reload and try again.");
        }

        // The inputs are durable; the evaluation is derived from them (an evaluation older than its inputs never lets the infusion start).
        await EvaluateIntoAsync(db, session, check, ct);
        await db.SaveChangesAsync(ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new PreCheckResult.Done(await ViewAsync(db, session, check, ct));
    }

    private async Task EvaluateIntoAsync(ClinicDbContext db, InfusionSession session, PreInfusionCheck check, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == session.PatientId).Select(p => new { p.BornOn, p.SexAtBirth }).FirstAsync(ct);
        var gate = await GateAsync(db, check, now, ct);
        var phq9 = await ScaleAsync(session, Phq9Ids, ct);
        var cssrs = await ScaleAsync(session, Questionnaires.SameDayInstruments.CssrsInstrumentIds, ct);
        var consent = await db.Set<PatientConsent>().AnyAsync(c => c.PatientId == session.PatientId && c.RevokedAt == null, ct);
        var facts = new PreInfusionFacts(
            gate,
            check.WeightMeasurementId is not null,
            phq9?.Result,
            cssrs?.Result,
            check.EscortConfirmedAt is not null,
            consent,
            PregnancyFacts(patient.BornOn, patient.SexAtBirth, check),
            session.SessionDate);
        var decision = PreInfusionChecklist.Evaluate(facts, protocol);
        check.EvaluatedAt = now;
        check.Outcome = decision.Outcome.ToString();
        check.FindingsJson = JsonSerializer.Serialize(decision.Findings.Select(FindingView.From).ToList(), Json);
        check.WarnRuleIds = Truncate(string.Join(',', decision.NeedsSignOff.Select(f => f.Rule.Value).Distinct(StringComparer.Ordinal)), 300);
        check.ProtocolVersion = decision.ProtocolVersion.Value;
    }

    internal static PatientScreeningFacts PregnancyFacts(DateOnly bornOn, SexAtBirth sex, PreInfusionCheck? check)
    {
        // PREG-01: a person of reproductive potential is screened; unknown counts as yes. The spec gives no age limit,
        // so only sex at birth (male → no) and the nurse's attestation (with its reason) take a patient out of it.
        var potential = check?.NotOfReproductivePotentialReason is not null || sex == SexAtBirth.Male
            ? ReproductivePotential.No
            : sex == SexAtBirth.Female ? ReproductivePotential.Yes : ReproductivePotential.Unknown;
        var test = check is { PregnancyTestOn: { } on, PregnancyTestPositive: { } positive } ? new PregnancyTest(on, positive) : null;
        return new PatientScreeningFacts(bornOn, [], potential, test);
    }

    private async Task<PreInfusionGateDecision?> GateAsync(ClinicDbContext db, PreInfusionCheck check, DateTimeOffset now, CancellationToken ct)
    {
        if (check.FirstReadingId is not { } firstId)
        {
            return null;
        }

        var ids = new[] { firstId, check.RepeatReadingId ?? firstId };
        var rows = await db.Set<VitalReading>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var first = ToDomain(rows.Single(r => r.Id == firstId));
        var repeat = check.RepeatReadingId is { } rid ? ToDomain(rows.Single(r => r.Id == rid)) : null;
        var asOf = now < (repeat ?? first).TakenAt ? (repeat ?? first).TakenAt : now;
        return PreInfusionGate.Evaluate(first, repeat, asOf, protocol);
    }

    private static VitalsReading ToDomain(VitalReading r)
    {
        var (reading, problems) = VitalsValidation.Validate(0, new IncomingReading(r.IdempotencyKey, r.TakenAt, new VitalValues
        {
            SystolicMmHg = r.SystolicMmHg,
            DiastolicMmHg = r.DiastolicMmHg,
            HeartRatePerMin = r.HeartRatePerMin,
            Spo2Percent = r.Spo2Percent,
            OnOxygen = r.OnOxygen,
            RespiratoryRatePerMin = r.RespiratoryRatePerMin,
            TemperatureDeciCelsius = r.TemperatureDeciCelsius,
        }), null, r.TakenAt);
        return reading ?? throw new InvalidOperationException("A stored reading failed validation: " + string.Join(" ", problems.Select(p => p.Message)));
    }

    private sealed record ScaleHit(InstrumentResult Result, ScaleSummary Summary);

    private async Task<ScaleHit?> ScaleAsync(InfusionSession session, IReadOnlyCollection<string> instrumentIds, CancellationToken ct)
    {
        // The latest same-day response: the patient's own, or one staff administered at the chair.
        if (await sameDay.LatestAsync(session.PatientId, instrumentIds, session.SessionDate, ct) is not { } found)
        {
            return null;
        }

        var r = InstrumentCatalog.Score(found.InstrumentId, found.Answers, protocol);
        return new ScaleHit(r, new ScaleSummary(found.InstrumentId, ScaleAnswers.Describe(r), found.At, found.Source));
    }

    private async Task<PreInfusionView> ViewAsync(ClinicDbContext db, InfusionSession session, PreInfusionCheck? check, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == session.PatientId)
            .Select(p => new { p.GivenName, p.FamilyName, p.Mrn, p.SexAtBirth, p.BornOn, p.EscortName, p.EscortPhone }).FirstAsync(ct);
        var weight = check?.WeightMeasurementId is { } wid
            ? await db.WeightMeasurements.AsNoTracking().Where(w => w.Id == wid).Select(w => new { w.WeightKg, w.MeasuredAt }).FirstOrDefaultAsync(ct)
            : null;
        var readingIds = new[] { check?.FirstReadingId, check?.RepeatReadingId }.OfType<Guid>().ToArray();
        var readings = await db.Set<VitalReading>().AsNoTracking().Where(r => readingIds.Contains(r.Id)).ToListAsync(ct);
        ReadingSummary? Summary(Guid? id) => readings.FirstOrDefault(r => r.Id == id) is { } r
            ? new ReadingSummary(r.Id, r.TakenAt, r.SystolicMmHg, r.DiastolicMmHg, r.HeartRatePerMin, r.Spo2Percent, r.OnOxygen, r.RespiratoryRatePerMin)
            : null;
        var consent = await db.Set<PatientConsent>().AsNoTracking().Where(c => c.PatientId == session.PatientId && c.RevokedAt == null)
            .OrderByDescending(c => c.RecordedAt).Select(c => new ConsentSummary(c.ConsentType, c.FormVersion, c.SignedOn, c.RecordedByName)).FirstOrDefaultAsync(ct);
        var phq9 = await ScaleAsync(session, Phq9Ids, ct);
        var cssrs = await ScaleAsync(session, Questionnaires.SameDayInstruments.CssrsInstrumentIds, ct);
        var outcome = Enum.TryParse<PreInfusionOutcome>(check?.Outcome, out var o) ? o : PreInfusionOutcome.Incomplete;
        var findings = ReadFindings(check?.FindingsJson);
        if (check?.FindingsJson is null)
        {
            // Nothing recorded yet: show what the checklist asks for.
            var empty = PreInfusionChecklist.Evaluate(new PreInfusionFacts(null, false, null, null, false, consent is not null, PregnancyFacts(patient.BornOn, patient.SexAtBirth, null), session.SessionDate), protocol);
            findings = [.. empty.Findings.Select(FindingView.From)];
            outcome = empty.Outcome;
        }

        return new PreInfusionView
        {
            SessionId = session.Id,
            PatientId = session.PatientId,
            Phase = session.Phase,
            PatientName = patient.FamilyName + ", " + patient.GivenName,
            Mrn = patient.Mrn,
            SexAtBirth = patient.SexAtBirth,
            BornOn = patient.BornOn,
            SessionDate = session.SessionDate,
            WeightTodayKg = weight?.WeightKg,
            WeightTodayAt = weight?.MeasuredAt,
            FirstReading = Summary(check?.FirstReadingId),
            RepeatReading = Summary(check?.RepeatReadingId),
            EscortName = check?.EscortName ?? patient.EscortName,
            EscortPhone = check?.EscortPhone ?? patient.EscortPhone,
            EscortConfirmedAt = check?.EscortConfirmedAt,
            Consent = consent,
            Phq9 = phq9?.Summary,
            Cssrs = cssrs?.Summary,
            PregnancyScreenApplies = PregnancyFacts(patient.BornOn, patient.SexAtBirth, null).ReproductivePotential != ReproductivePotential.No,
            PregnancyTestOn = check?.PregnancyTestOn,
            PregnancyTestPositive = check?.PregnancyTestPositive,
            NotOfReproductivePotentialReason = check?.NotOfReproductivePotentialReason,
            Outcome = outcome,
            Findings = findings,
            ProtocolVersion = check?.ProtocolVersion ?? protocol.Version.Value,
            SignedOffAt = check?.SignedOffAt,
            SignedOffByName = check?.SignedOffByName,
            SignOffNote = check?.SignOffNote,
            SignedOffRules = (check?.SignedOffRuleIds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            SignOffCoversWarnings = check is not null && Covers(check.SignedOffRuleIds, check.WarnRuleIds),
        };
    }

    private static string Vitals(VitalValues v) => string.Create(CultureInfo.InvariantCulture,
        $"baseline BP {v.SystolicMmHg}/{v.DiastolicMmHg}, HR {v.HeartRatePerMin}, SpO2 {v.Spo2Percent}%");

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
