using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>The answer to a recovery command. Closed hierarchy.</summary>
public abstract record RecoveryResult
{
    private RecoveryResult()
    {
    }

    public sealed record Done(string Message) : RecoveryResult;

    public sealed record NotFound(string Message) : RecoveryResult;

    /// <summary>Not for this role (HTTP 403).</summary>
    public sealed record Forbidden(string Message) : RecoveryResult;

    /// <summary>Not possible in this phase (HTTP 409).</summary>
    public sealed record NotAllowed(string Message) : RecoveryResult;

    /// <summary>The input needs correcting (HTTP 422).</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : RecoveryResult;

    /// <summary>A BLOCK rule holds the command back (HTTP 409).</summary>
    public sealed record Blocked(IReadOnlyList<RuleFinding> Findings) : RecoveryResult;

    public sealed record Conflict(string Message) : RecoveryResult;

    public static RecoveryResult From(SessionCommandResult result) => result switch
    {
        SessionCommandResult.Done d => new Done(SessionPhaseHandler.Describe(d.Session.Phase)),
        SessionCommandResult.NotFound n => new NotFound(n.Message),
        SessionCommandResult.NotAllowed n => new NotAllowed(n.Message),
        SessionCommandResult.ReasonRequired r => new Invalid([r.Message]),
        SessionCommandResult.Blocked b => new Blocked(b.Findings),
        SessionCommandResult.Conflict c => new Conflict(c.Message),
        _ => throw new InvalidOperationException("Unknown session command result."),
    };
}

/// <summary>PADSS items the nurse answers (surgical bleeding is "no surgical site" for an infusion, §5.3).</summary>
public sealed class PadssForm
{
    public bool OrientedTimesThree { get; set; }
    public bool SteadyGait { get; set; }
    public PadssSeverity Pain { get; set; } = PadssSeverity.Minimal;
    public PadssSeverity NauseaVomiting { get; set; } = PadssSeverity.Minimal;
    public bool DrankFluids { get; set; }
    public bool Voided { get; set; }
}

/// <summary>The Aldrete items the nurse answers (circulation and SpO₂ are scored from the last reading, §5.2).</summary>
public sealed class AldreteForm
{
    public AldreteActivity Activity { get; set; } = AldreteActivity.MovesFourExtremities;
    public AldreteRespiration Respiration { get; set; } = AldreteRespiration.BreathesDeeplyAndCoughsFreely;
    public AldreteConsciousness Consciousness { get; set; } = AldreteConsciousness.FullyAwake;
}

/// <summary>The discharge assessment form: the protocol's instrument (DC-02) and the DC-04 attestation.</summary>
public sealed class DischargeAssessmentForm
{
    public PadssForm? Padss { get; set; }
    public AldreteForm? Aldrete { get; set; }
    public bool DissociationResolved { get; set; }
    public bool SedationResolved { get; set; }
    public bool NoNewPsychoticSymptoms { get; set; }
}

/// <summary>DC-06: escort details and the no-driving instruction.</summary>
public sealed class EscortForm
{
    public string? EscortName { get; set; }
    public string? Relationship { get; set; }
    public string? Phone { get; set; }
    public bool NoDrivingInstructionGiven { get; set; }
}

/// <summary>
/// Recovery and discharge (clinical-spec §5): the discharge score and attestation, the physician's DC-03
/// acknowledgement, the escort hand-off and its text, the discharge itself (through <see cref="SessionPhaseHandler"/>,
/// which evaluates DC-01 … DC-06) and a physician's record of a departure against the criteria.
/// </summary>
public sealed partial class RecoveryHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    SessionPhaseHandler phases,
    SessionBroadcaster broadcaster,
    ActorAuditTrails audits,
    ISmsSender sms)
{
    public const int MaxReasonLength = SessionPhaseHandler.MaxReasonLength;

    /// <summary>The current readiness of a session (for the page and GET endpoint); null when there is no such session.</summary>
    public async Task<DischargeEvaluation?> EvaluateAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        return session is null ? null : await DischargeReadiness.EvaluateAsync(db, session, clock.GetUtcNow(), protocol, ct);
    }

    /// <summary>Records the protocol's discharge score (DC-02) with every item answer, and the DC-04 attestation.</summary>
    public async Task<RecoveryResult> RecordAssessmentAsync(Guid sessionId, DischargeAssessmentForm form, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new RecoveryResult.Forbidden("Only nurses and physicians assess discharge readiness.");
        }

        var instrument = protocol.Discharge.Instrument;
        string answers;
        switch (instrument)
        {
            case DischargeInstrument.Padss when form.Padss is { } p && Enum.IsDefined(p.Pain) && Enum.IsDefined(p.NauseaVomiting):
                answers = JsonSerializer.Serialize(new PadssObservations(p.OrientedTimesThree, p.SteadyGait, p.Pain, p.NauseaVomiting, SurgicalBleeding.NoSurgicalSite, p.DrankFluids, p.Voided), DischargeReadiness.Json);
                break;
            case DischargeInstrument.ModifiedAldrete when form.Aldrete is { } a && Enum.IsDefined(a.Activity) && Enum.IsDefined(a.Respiration) && Enum.IsDefined(a.Consciousness):
                answers = JsonSerializer.Serialize(new AldreteObservations(a.Activity, a.Respiration, a.Consciousness), DischargeReadiness.Json);
                break;
            case DischargeInstrument.Padss:
                return new RecoveryResult.Invalid(["This clinic's protocol scores discharge readiness with PADSS: answer every PADSS item."]);
            case DischargeInstrument.ModifiedAldrete:
                return new RecoveryResult.Invalid(["This clinic's protocol scores discharge readiness with the modified Aldrete score: answer every Aldrete item."]);
            default:
                throw new InvalidOperationException("Unknown discharge instrument.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new RecoveryResult.NotFound("No such session.");
        }

        if (session.Phase is not (SessionPhase.Recovering or SessionPhase.ReadyForDischarge))
        {
            return new RecoveryResult.NotAllowed($"A discharge assessment is recorded in recovery; the session is {SessionPhaseHandler.Describe(session.Phase)}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = new DischargeScoreRecord
        {
            SessionId = session.Id,
            PatientId = session.PatientId,
            AssessedAt = now,
            AssessedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            AssessedByName = actor.Name,
            Instrument = instrument,
            Variant = RecoveryText.Variant(protocol.Discharge),
            AnswersJson = answers,
            DissociationResolved = form.DissociationResolved,
            SedationResolved = form.SedationResolved,
            NoNewPsychoticSymptoms = form.NoNewPsychoticSymptoms,
            ProtocolVersion = protocol.Version.Value,
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Score it the way DC-02 will (the domain's items), for the record and the timeline.
        var evaluation = await DischargeReadiness.EvaluateAsync(db, session, now, protocol, ct);
        var stored = await db.Set<DischargeScoreRecord>().SingleAsync(x => x.Id == record.Id, ct);
        stored.ReadingId = evaluation.LastBpReadingId;
        (stored.Total, stored.ItemPoints) = evaluation.Decision switch
        {
            { Padss: { } padss } => ((int?)padss.Total, string.Join("; ", padss.Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{RecoveryText.Item(i.Item)}={i.Points}")))
                + string.Create(CultureInfo.InvariantCulture, $" (largest vital-sign deviation {padss.VitalSigns.LargestDeviationPercent} % in {padss.VitalSigns.LargestDeviationIn})")),
            { Aldrete: { } ald } => (ald.Total, string.Create(CultureInfo.InvariantCulture,
                $"Activity={ald.Activity}; Respiration={ald.Respiration}; Circulation={ald.Circulation}; Consciousness={ald.Consciousness}; O2 saturation={ald.OxygenSaturation}")),
            _ => (null, null),
        };
        var dc02 = evaluation.Rules.FirstOrDefault(r => r.Rule == DischargePolicy.Dc02);
        db.Add(Event(session.Id, now, SessionEventKind.DischargeAssessed, dc02?.Reason ?? record.Variant, actor));
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "DischargeScore", record.Id.ToString(), session.PatientId, Detail: record.Variant));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new RecoveryResult.Done(dc02?.Reason ?? "Assessment recorded.");
    }

    /// <summary>DC-03: a physician acknowledges the last BP's deviation beyond ±20 % of baselineBP (never above 180/110).</summary>
    public async Task<RecoveryResult> AcknowledgeBpDeviationAsync(Guid sessionId, string? reason, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPhysician)
        {
            return new RecoveryResult.Forbidden("DC-03: only a physician acknowledges a BP deviation from baseline.");
        }

        if (CheckReason(reason, "DC-03: the acknowledgement needs a reason.") is { } bad)
        {
            return bad;
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new RecoveryResult.NotFound("No such session.");
        }

        if (session.Phase is not (SessionPhase.Recovering or SessionPhase.ReadyForDischarge))
        {
            return new RecoveryResult.NotAllowed($"The session is {SessionPhaseHandler.Describe(session.Phase)}.");
        }

        var evaluation = await DischargeReadiness.EvaluateAsync(db, session, now, protocol, ct);
        if (evaluation.Decision is not { BpDeviationNeedsAcknowledgement: true } || evaluation.LastBpReadingId is not { } readingId)
        {
            // DC-03 (clinical-spec §5.1): SBP > 180 or DBP > 110 can never be acknowledged; nothing else needs it.
            var dc03 = evaluation.Rules.FirstOrDefault(r => r.Rule == DischargePolicy.Dc03)?.Reason ?? "DC-03 cannot be evaluated.";
            return new RecoveryResult.Invalid([$"There is no BP deviation a physician can acknowledge. {dc03}"]);
        }

        db.Add(new BpDeviationAcknowledgement
        {
            SessionId = session.Id,
            ReadingId = readingId,
            AcknowledgedAt = now,
            PhysicianUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            PhysicianName = actor.Name,
            Reason = reason!.Trim(),
        });
        db.Add(Event(session.Id, now, SessionEventKind.BpDeviationAcknowledged, reason.Trim(), actor, "DC-03"));
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Override, "InfusionSession", session.Id.ToString(), session.PatientId, Detail: "DC-03 BP deviation acknowledged"));
        await db.SaveChangesAsync(ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new RecoveryResult.Done("DC-03 deviation acknowledged.");
    }

    /// <summary>DC-06: records the escort hand-off (time-stamped) and texts the escort once through <see cref="ISmsSender"/>.</summary>
    public async Task<RecoveryResult> RecordEscortAsync(Guid sessionId, EscortForm form, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new RecoveryResult.Forbidden("Only nurses and physicians hand a patient over to the escort.");
        }

        var problems = new List<string>();
        var name = form.EscortName?.Trim();
        var relationship = form.Relationship?.Trim();
        var phone = form.Phone?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            problems.Add("DC-06: the escort's name is required (at most 200 characters).");
        }

        if (string.IsNullOrEmpty(relationship) || relationship.Length > 100)
        {
            problems.Add("The escort's relationship to the patient is required (at most 100 characters).");
        }

        if (phone is null || !PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) is < 7 or > 15)
        {
            problems.Add("The escort's phone number is required: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.");
        }

        if (!form.NoDrivingInstructionGiven)
        {
            problems.Add("DC-06: confirm the patient and escort were told: no driving or machinery until the next day after a night's sleep.");
        }

        if (problems.Count > 0)
        {
            return new RecoveryResult.Invalid(problems);
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new RecoveryResult.NotFound("No such session.");
        }

        if (session.Phase is not (SessionPhase.Recovering or SessionPhase.ReadyForDischarge))
        {
            return new RecoveryResult.NotAllowed($"The escort hand-off is recorded in recovery; the session is {SessionPhaseHandler.Describe(session.Phase)}.");
        }

        var site = await db.Sites.AsNoTracking().Where(x => x.Id == session.SiteId).Select(x => new { x.Name, x.Phone }).FirstAsync(ct);
        db.Add(new EscortHandOff
        {
            SessionId = session.Id,
            EscortName = name!,
            Relationship = relationship!,
            Phone = phone!,
            NoDrivingInstructionGiven = true,
            HandedOffAt = now,
            RecordedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
            RecordedByName = actor.Name,
        });
        db.Add(Event(session.Id, now, SessionEventKind.EscortHandedOff, $"{name} ({relationship}); no driving or machinery until the next day", actor, "DC-06"));
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "EscortHandOff", session.Id.ToString(), session.PatientId, Detail: "escort documented"));
        await db.SaveChangesAsync(ct);

        var digits = new string([.. phone!.Where(char.IsAsciiDigit)]);
        var outcome = await sms.SendAsync(
            new SmsMessage($"escort-handoff:{session.Id:N}:{digits}", phone!, RecoveryText.EscortSms(site.Name, site.Phone), "escort-handoff", session.Id, session.PatientId),
            ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new RecoveryResult.Done(outcome == SmsSendOutcome.Sent ? "Escort recorded; text written to the SMS outbox." : "Escort recorded; the text to this number was already sent.");
    }

    /// <summary>Discharges the patient: <see cref="SessionPhaseHandler"/> evaluates DC-01 … DC-06 at this instant.</summary>
    public async Task<RecoveryResult> DischargeAsync(Guid sessionId, StaffActor actor, Guid? expectedVersion = null, CancellationToken ct = default) =>
        RecoveryResult.From(await phases.ApplyAsync(sessionId, PhaseCommand.Discharge, null, actor, expectedVersion, ct));

    /// <summary>
    /// The physician override. The DC rules are BLOCK (clinical-spec §5.1), so no override turns a failed rule into a
    /// discharge: the physician records, with a reason, that the patient leaves before the criteria hold; the session
    /// closes as "left against medical advice" (<see cref="DischargePolicy.ClassifyDeparture"/>), with the failed
    /// rules, on the timeline and in the audit trail.
    /// </summary>
    public async Task<RecoveryResult> RecordDepartureAgainstAdviceAsync(Guid sessionId, string? reason, StaffActor actor, Guid? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPhysician)
        {
            return new RecoveryResult.Forbidden("Only a physician records a departure before the discharge criteria hold.");
        }

        if (CheckReason(reason, "The override needs the physician's reason.") is { } bad)
        {
            return bad;
        }

        reason = reason!.Trim();
        var result = await phases.ApplyAsync(sessionId, PhaseCommand.Abort, "Left against medical advice: " + reason, actor, expectedVersion, async (db, session, now) =>
        {
            if (session.Phase is not (SessionPhase.Recovering or SessionPhase.ReadyForDischarge))
            {
                return new SessionCommandResult.NotAllowed($"The override applies in recovery; the session is {SessionPhaseHandler.Describe(session.Phase)}.");
            }

            var evaluation = await DischargeReadiness.EvaluateAsync(db, session, now, protocol, ct);
            if (evaluation.MayDischarge)
            {
                return new SessionCommandResult.NotAllowed("Every DC rule passes: discharge the patient instead.");
            }

            db.Add(new SessionDeparture
            {
                SessionId = session.Id,
                Kind = DepartureKind.LeftAgainstMedicalAdvice,
                DepartedAt = now,
                RecordedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
                RecordedByName = actor.Name,
                OverrideReason = reason,
                FailedRules = Truncate(evaluation.FailedRulesText, 4000),
                ProtocolVersion = protocol.Version.Value,
            });
            db.Add(Event(session.Id, now, SessionEventKind.LeftAgainstMedicalAdvice, Truncate($"{reason} (failed: {string.Join(", ", evaluation.BlockingFindings.Select(f => f.Rule.Value))})", 500), actor));
            await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(
                AuditActions.Override, "InfusionSession", session.Id.ToString(), session.PatientId, Detail: "departure against DC rules: " + string.Join(",", evaluation.BlockingFindings.Select(f => f.Rule.Value))));
            return null;
        }, ct);
        return RecoveryResult.From(result);
    }

    private static RecoveryResult.Invalid? CheckReason(string? reason, string missing) =>
        string.IsNullOrWhiteSpace(reason) ? new RecoveryResult.Invalid([missing])
        : reason.Trim().Length > MaxReasonLength ? new RecoveryResult.Invalid([string.Create(CultureInfo.InvariantCulture, $"The reason is longer than {MaxReasonLength} characters.")])
        : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static SessionEvent Event(Guid sessionId, DateTimeOffset at, SessionEventKind kind, string reason, StaffActor actor, string? rule = null) => new()
    {
        SessionId = sessionId,
        At = at,
        Kind = kind,
        Reason = Truncate(reason, 500),
        RuleId = rule,
        ActorUserId = actor.UserId == Guid.Empty ? null : actor.UserId,
        ActorName = actor.Name,
    };

    [GeneratedRegex(@"^\+?[0-9 ().\-]{7,24}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhonePattern();
}
