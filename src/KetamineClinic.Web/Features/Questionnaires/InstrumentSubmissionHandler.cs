using System.Globalization;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>
/// The one way a questionnaire enters the clinic, for the patient portal, the staff screens and FHIR
/// (POST QuestionnaireResponse): score with the Domain (<see cref="InstrumentCatalog.Score(string, IReadOnlyDictionary{string, ItemAnswer}, ClinicProtocol)"/>),
/// combine the suicide-risk triggers (<see cref="SuicideRiskEscalation"/>, SI-ESC-01), and store in ONE SaveChanges:
/// the response, and on any SI level the suicide-risk <see cref="PatientFlag"/> and a staff <see cref="SuicideRiskAlert"/>,
/// each with its audit event. No threshold lives here: every number comes from the Domain and the protocol.
/// </summary>
public sealed class InstrumentSubmissionHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    ActorAuditTrails audits)
{
    /// <summary>How far in the future an answer time may lie (clock skew of a patient's phone or a FHIR client).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async Task<InstrumentSubmissionResult> SubmitAsync(InstrumentSubmission submission, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var definition = InstrumentCatalog.Find(submission.InstrumentId, protocol);
        if (definition is null)
        {
            return new InstrumentSubmissionResult.Refused(
                SubmissionRefusal.UnknownInstrument,
                $"Unknown instrument '{submission.InstrumentId}'. Known: {string.Join(", ", InstrumentCatalog.Ids)}.");
        }
        var now = clock.GetUtcNow();
        if (submission.AnsweredAt > now + FutureTolerance)
        {
            return new InstrumentSubmissionResult.Refused(SubmissionRefusal.AnsweredInFuture, "The answer time lies in the future.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (submission.Identifier is { } identifier
            && await ReplayAsync(db, submission, identifier, definition, ct) is { } replay)
        {
            return replay;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == submission.PatientId, ct))
        {
            return new InstrumentSubmissionResult.Refused(SubmissionRefusal.UnknownPatient, "There is no patient with this identifier.");
        }
        if (submission.InfusionSessionId is { } sessionId
            && !await db.Set<InfusionSession>().AnyAsync(s => s.Id == sessionId && s.PatientId == submission.PatientId, ct))
        {
            return new InstrumentSubmissionResult.Refused(SubmissionRefusal.UnknownSession, "There is no infusion session with this identifier for this patient.");
        }

        var result = InstrumentCatalog.Score(definition, submission.Answers, protocol);
        if (result is InstrumentResult.Invalid invalid)
        {
            return new InstrumentSubmissionResult.Invalid(definition.Id, invalid.Errors);
        }
        // SI-ESC-01 (clinical-spec §8.1): the response's level is the highest of its triggers; the Domain lists the actions.
        var escalation = SuicideRiskEscalation.Evaluate(result.SuicideRiskTriggers, protocol);

        var response = ToEntity(submission, definition, result, escalation, now);
        db.Add(response);
        var audit = audits.For(submission.SubmittedBy.ToAudit());
        await audit.StageAsync(db, new AuditEntry(
            AuditActions.Create, "InstrumentResponse", response.Id.ToString(), response.PatientId,
            Detail: string.Create(CultureInfo.InvariantCulture, $"{definition.Id} via {submission.Source}; outcome {response.Outcome}; SI {SuicideRiskLevels.Label(escalation.Level)}")));

        if (escalation.Level != SuicideRiskLevel.None)
        {
            await RaiseSuicideRiskAsync(db, audit, response, definition, escalation, now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (submission.Identifier is { } resent)
        {
            // Two deliveries of the same FHIR resource at once: the unique index kept one; answer as a replay.
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            return await ReplayAsync(fresh, submission, resent, definition, ct) ?? throw new InvalidOperationException("The response could not be stored.", e);
        }

        return Accepted(response, definition, result, escalation, replayed: false);
    }

    /// <summary>
    /// Clinical-spec §8.1: a suicide-risk Flag (SI-2 "Flag active", SI-3 "Flag high priority"; raised from SI-1 so the
    /// chart shows every signal) and an alert staff see on Today and the chart until a clinician acknowledges it.
    /// An active flag is raised to the new level when the new level is higher; it is never lowered here.
    /// </summary>
    private static async Task RaiseSuicideRiskAsync(
        ClinicDbContext db, IAuditTrail audit, InstrumentResponse response, InstrumentDefinition definition,
        SuicideRiskEscalation escalation, DateTimeOffset now, CancellationToken ct)
    {
        var level = escalation.Level;
        var label = SuicideRiskLevels.Label(level);
        var rules = string.Join(",", escalation.DecidingTriggers.Select(t => t.Rule.ToString()).Distinct(StringComparer.Ordinal));
        var priority = level >= SuicideRiskLevel.SI3 ? FlagPriority.High : FlagPriority.Normal;
        var text = $"Suicide risk {label} ({rules}) from {definition.Title}";

        var flag = await db.PatientFlags
            .Where(f => f.PatientId == response.PatientId && f.Kind == FlagKind.SuicideRisk && f.ClearedAt == null)
            .OrderByDescending(f => f.RaisedAt)
            .FirstOrDefaultAsync(ct);
        if (flag is null)
        {
            flag = new PatientFlag
            {
                PatientId = response.PatientId,
                Kind = FlagKind.SuicideRisk,
                Priority = priority,
                Text = text,
                RaisedAt = now,
                RaisedBy = response.SubmittedBy,
                SuicideRiskLevel = level,
                RuleId = rules,
            };
            db.PatientFlags.Add(flag);
            await audit.StageAsync(db, new AuditEntry(AuditActions.Create, "PatientFlag", flag.Id.ToString(), response.PatientId, Detail: $"suicide risk {label} ({rules})"));
        }
        else if (flag.SuicideRiskLevel is not { } current || current < level)
        {
            flag.SuicideRiskLevel = level;
            flag.RuleId = rules;
            flag.Text = text;
            flag.Priority = priority > flag.Priority ? priority : flag.Priority;
            await audit.StageAsync(db, new AuditEntry(AuditActions.Update, "PatientFlag", flag.Id.ToString(), response.PatientId, Detail: $"suicide risk raised to {label} ({rules})"));
        }

        var alert = new SuicideRiskAlert
        {
            PatientId = response.PatientId,
            ResponseId = response.Id,
            Level = level,
            Rules = rules,
            Reason = string.Join(" ", escalation.DecidingTriggers.Select(t => t.Reason)),
            RequiredActions = string.Join("\n", escalation.RequiredActions.Select(a => a.Description)),
            RaisedAt = now,
        };
        db.Add(alert);
        await audit.StageAsync(db, new AuditEntry(AuditActions.Create, "SuicideRiskAlert", alert.Id.ToString(), response.PatientId, Detail: $"{label} ({rules})"));
    }

    private async Task<InstrumentSubmissionResult?> ReplayAsync(
        ClinicDbContext db, InstrumentSubmission submission, SubmissionIdentifier identifier, InstrumentDefinition definition, CancellationToken ct)
    {
        var stored = await db.Set<InstrumentResponse>().AsNoTracking()
            .Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.ExternalIdSystem == identifier.System && r.ExternalIdValue == identifier.Value, ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.PatientId != submission.PatientId || !string.Equals(stored.InstrumentId, submission.InstrumentId, StringComparison.Ordinal))
        {
            return new InstrumentSubmissionResult.Refused(
                SubmissionRefusal.IdentifierReused,
                "This identifier was already used for another patient's or another instrument's response.");
        }
        // The stored answers scored again give the same decision (the Domain is a pure function of them).
        var result = InstrumentCatalog.Score(definition, StoredAnswers.Read(stored, definition), protocol);
        return Accepted(stored, definition, result, SuicideRiskEscalation.Evaluate(result.SuicideRiskTriggers, protocol), replayed: true);
    }

    private static InstrumentResponse ToEntity(
        InstrumentSubmission submission, InstrumentDefinition definition, InstrumentResult result,
        SuicideRiskEscalation escalation, DateTimeOffset now)
    {
        var response = new InstrumentResponse
        {
            PatientId = submission.PatientId,
            InstrumentId = definition.Id,
            InstrumentVersion = definition.Version,
            AnsweredAt = submission.AnsweredAt.ToUniversalTime(),
            RecordedAt = now.ToUniversalTime(),
            Source = submission.Source,
            SubmittedByUserId = submission.SubmittedBy.UserId,
            SubmittedBy = submission.SubmittedBy.Name,
            InfusionSessionId = submission.InfusionSessionId,
            SuicideRiskLevel = escalation.Level,
            SuicideRiskRules = escalation.Level == SuicideRiskLevel.None
                ? null
                : string.Join(",", escalation.DecidingTriggers.Select(t => t.Rule.ToString()).Distinct(StringComparer.Ordinal)),
            ProtocolVersion = result.ProtocolVersion.Value,
            ExternalIdSystem = submission.Identifier?.System,
            ExternalIdValue = submission.Identifier?.Value,
        };
        IReadOnlyDictionary<string, int> values;
        switch (result)
        {
            case InstrumentResult.Scored scored:
                response.Outcome = ResponseOutcome.Scored;
                response.Total = scored.Total;
                response.BandCode = scored.Band?.Code;
                response.BandDisplay = scored.Band?.Display;
                values = scored.ItemValues;
                break;
            case InstrumentResult.Triaged triaged:
                response.Outcome = ResponseOutcome.Triaged;
                response.CssrsRisk = triaged.Risk;
                values = triaged.ItemValues;
                break;
            case InstrumentResult.Incomplete incomplete:
                response.Outcome = ResponseOutcome.Incomplete;
                values = incomplete.ItemValues;
                break;
            default:
                throw new ArgumentException($"A {result.GetType().Name} result is not stored.", nameof(result));
        }
        // Form order, so the stored response reads like the form.
        response.Answers = [.. definition.Items
            .Where(i => values.ContainsKey(i.LinkId))
            .Select(i => new InstrumentAnswer { ResponseId = response.Id, LinkId = i.LinkId, Value = values[i.LinkId] })];
        return response;
    }

    private static InstrumentSubmissionResult.Accepted Accepted(
        InstrumentResponse response, InstrumentDefinition definition, InstrumentResult result, SuicideRiskEscalation escalation, bool replayed) =>
        new(
            response.Id,
            response.ScoreObservationId,
            response.PatientId,
            definition.Id,
            definition.Title,
            response.Outcome,
            response.Total,
            result is InstrumentResult.Scored { Band: { } band } ? band : null,
            response.CssrsRisk,
            result is InstrumentResult.Incomplete incomplete ? incomplete.MissingAnswers : [],
            escalation,
            replayed);
}

/// <summary>Stored answers back as the Domain takes them (yes/no items as Yes/No, the rest as numbers).</summary>
public static class StoredAnswers
{
    public static IReadOnlyDictionary<string, ItemAnswer> Read(InstrumentResponse response, InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(definition);
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);
        foreach (var answer in response.Answers)
        {
            answers[answer.LinkId] = definition.FindItem(answer.LinkId)?.AnswerType == ItemAnswerType.YesNo
                ? ItemAnswer.Of(answer.Value == 1)
                : ItemAnswer.Of(answer.Value);
        }
        return answers;
    }
}
