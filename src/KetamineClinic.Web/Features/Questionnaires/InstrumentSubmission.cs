using System.Security.Claims;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>Who submits a response: a signed-in patient or staff member, or a FHIR client (<c>client:&lt;id&gt;</c>).</summary>
/// <param name="UserId">The Identity user id; null for a FHIR client.</param>
/// <param name="Name">The name the audit trail shows (user name or <c>client:&lt;id&gt;</c>).</param>
/// <param name="Role">Roles, comma-separated, when known.</param>
public sealed record InstrumentSubmitter(Guid? UserId, string Name, string? Role)
{
    /// <summary>From the request's or circuit's principal (cookie sign-in or FHIR bearer token).</summary>
    public static InstrumentSubmitter From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        return new InstrumentSubmitter(id, user.Identity?.Name ?? "unknown", roles.Length == 0 ? null : string.Join(',', roles));
    }

    internal AuditActorInfo ToAudit() => new(UserId, Name, Role, null);
}

/// <summary>A FHIR business identifier (system + value): the idempotency key of a posted QuestionnaireResponse.</summary>
public sealed record SubmissionIdentifier(string System, string Value);

/// <summary>One questionnaire to score and store.</summary>
/// <param name="PatientId">The patient who answered (or was rated).</param>
/// <param name="InstrumentId">Catalogue id (<see cref="InstrumentIds"/>), e.g. "phq-9".</param>
/// <param name="Answers">Item link id → answer; an unanswered item is absent (no prorating, SCALE-01).</param>
/// <param name="AnsweredAt">When it was answered (the patient's submit time, or QuestionnaireResponse.authored).</param>
/// <param name="Source">Portal, staff or FHIR.</param>
/// <param name="SubmittedBy">Who submitted it (audited).</param>
/// <param name="InfusionSessionId">The infusion session it belongs to (pre-infusion checks), when any.</param>
/// <param name="Identifier">FHIR QuestionnaireResponse.identifier: a resend with the same identifier stores nothing new.</param>
public sealed record InstrumentSubmission(
    Guid PatientId,
    string InstrumentId,
    IReadOnlyDictionary<string, ItemAnswer> Answers,
    DateTimeOffset AnsweredAt,
    ResponseSource Source,
    InstrumentSubmitter SubmittedBy,
    Guid? InfusionSessionId = null,
    SubmissionIdentifier? Identifier = null);

/// <summary>Why a submission was refused before scoring (nothing stored).</summary>
public enum SubmissionRefusal
{
    UnknownPatient,
    UnknownInstrument,
    UnknownSession,
    AnsweredInFuture,

    /// <summary>The identifier was already used for a different patient or instrument.</summary>
    IdentifierReused,
}

/// <summary>The outcome of <see cref="InstrumentSubmissionHandler.SubmitAsync"/>: a closed hierarchy.</summary>
public abstract record InstrumentSubmissionResult
{
    private InstrumentSubmissionResult()
    {
    }

    /// <summary>
    /// Stored and scored. <see cref="Escalation"/> is the Domain's SI-ESC-01 decision for this response: its level,
    /// triggers (with rule ids) and required actions; a suicide-risk flag and alert were stored with the response when
    /// the level is SI-1 or higher.
    /// </summary>
    /// <param name="ResponseId">The stored response (FHIR QuestionnaireResponse id).</param>
    /// <param name="ScoreObservationId">The derived score Observation's id.</param>
    /// <param name="PatientId">The patient.</param>
    /// <param name="InstrumentId">The instrument.</param>
    /// <param name="Title">The instrument's display title.</param>
    /// <param name="Outcome">Scored, triaged (C-SSRS) or incomplete.</param>
    /// <param name="Total">Total; null for the C-SSRS and incomplete responses.</param>
    /// <param name="Band">The total's band; null when none.</param>
    /// <param name="CssrsRisk">C-SSRS risk level; null otherwise.</param>
    /// <param name="Missing">Missing required answers (incomplete responses).</param>
    /// <param name="Escalation">SI-ESC-01 over this response's triggers.</param>
    /// <param name="Replayed">True when the identifier had been stored already and nothing new was written.</param>
    public sealed record Accepted(
        Guid ResponseId,
        Guid ScoreObservationId,
        Guid PatientId,
        string InstrumentId,
        string Title,
        ResponseOutcome Outcome,
        int? Total,
        ScoreBand? Band,
        CssrsRiskLevel? CssrsRisk,
        IReadOnlyList<MissingAnswer> Missing,
        SuicideRiskEscalation Escalation,
        bool Replayed) : InstrumentSubmissionResult
    {
        /// <summary>The SI level (None when nothing fired).</summary>
        public SuicideRiskLevel SuicideRiskLevel => Escalation.Level;

        /// <summary>What the level requires (clinical-spec §8.1); empty for None.</summary>
        public IReadOnlyList<RequiredAction> RequiredActions => Escalation.RequiredActions;

        /// <summary>True when any suicidality signal fired: show 988 and the safety plan at once.</summary>
        public bool HasSuicideRiskSignal => Escalation.Level != SuicideRiskLevel.None;
    }

    /// <summary>Returned for correction with the Domain scorer's per-item messages; nothing stored.</summary>
    public sealed record Invalid(string InstrumentId, IReadOnlyList<ItemValidationError> Errors) : InstrumentSubmissionResult;

    /// <summary>Refused before scoring (unknown patient, instrument or session; a time in the future); nothing stored.</summary>
    public sealed record Refused(SubmissionRefusal Reason, string Message) : InstrumentSubmissionResult;
}
