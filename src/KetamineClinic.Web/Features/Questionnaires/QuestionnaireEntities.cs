using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>Where an instrument response came from.</summary>
public enum ResponseSource
{
    /// <summary>The patient, on their own device, signed in to the portal.</summary>
    PatientPortal,

    /// <summary>A staff member administered it (read the items to the patient or rated them).</summary>
    Staff,

    /// <summary>A FHIR client posted a QuestionnaireResponse.</summary>
    Fhir,
}

/// <summary>What the Domain scorer made of a stored response (invalid responses are never stored).</summary>
public enum ResponseOutcome
{
    /// <summary>Complete, with a total (and a band when the instrument has bands).</summary>
    Scored,

    /// <summary>A complete C-SSRS screener with its risk level (CSSRS-01..04).</summary>
    Triaged,

    /// <summary>Required items missing: no total, no prorating (SCALE-01); an incomplete C-SSRS counts as High (CSSRS-VAL-01).</summary>
    Incomplete,
}

/// <summary>
/// One completed questionnaire (PHQ-9, GAD-7, QIDS-SR16, C-SSRS...) as scored by the Domain when it was submitted.
/// Append-only in practice: a correction is a new response. Maps to FHIR QuestionnaireResponse (its id) and a score
/// Observation (<see cref="ScoreObservationId"/>).
/// </summary>
public sealed class InstrumentResponse
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The id of the score Observation (total, or C-SSRS risk level 93374-7) derived from this response.</summary>
    public Guid ScoreObservationId { get; set; } = Guid.NewGuid();

    public Guid PatientId { get; set; }

    /// <summary>Catalogue id, e.g. "phq-9" (<see cref="InstrumentIds"/>).</summary>
    public required string InstrumentId { get; set; }

    /// <summary>Version of the instrument definition that scored it.</summary>
    public required string InstrumentVersion { get; set; }

    /// <summary>When the patient (or rater) answered (QuestionnaireResponse.authored), UTC.</summary>
    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>When the clinic stored it, UTC.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    public ResponseSource Source { get; set; }

    /// <summary>The user id of the signed-in patient or staff member, when a person submitted it.</summary>
    public Guid? SubmittedByUserId { get; set; }

    /// <summary>Who submitted it as the audit trail names them: a user name, or <c>client:&lt;id&gt;</c> for FHIR.</summary>
    public required string SubmittedBy { get; set; }

    /// <summary>The infusion session it was given in (pre-infusion checks), when any.</summary>
    public Guid? InfusionSessionId { get; set; }

    public ResponseOutcome Outcome { get; set; }

    /// <summary>Total score; null for the C-SSRS screener and for an incomplete response (SCALE-01).</summary>
    public int? Total { get; set; }

    /// <summary>Band code of the total, e.g. "moderately-severe"; null when none.</summary>
    public string? BandCode { get; set; }

    /// <summary>Band label as shown to clinicians, e.g. "Moderately severe".</summary>
    public string? BandDisplay { get; set; }

    /// <summary>C-SSRS screener risk level (CSSRS-01..04); null for other instruments and incomplete screeners.</summary>
    public CssrsRiskLevel? CssrsRisk { get; set; }

    /// <summary>The highest SI level this response triggered (clinical-spec §8.1); None when it triggered nothing.</summary>
    public SuicideRiskLevel SuicideRiskLevel { get; set; }

    /// <summary>Rule ids of the triggers at that level, comma-separated (e.g. "PHQ9-SAFETY-01"); null when none.</summary>
    public string? SuicideRiskRules { get; set; }

    /// <summary>The clinic protocol version whose [C] values scored it.</summary>
    public required string ProtocolVersion { get; set; }

    /// <summary>FHIR QuestionnaireResponse.identifier system (idempotency key with the value), when sent.</summary>
    public string? ExternalIdSystem { get; set; }

    /// <summary>FHIR QuestionnaireResponse.identifier value.</summary>
    public string? ExternalIdValue { get; set; }

    /// <summary>The answered items, as the scorer read them (Yes = 1, No = 0).</summary>
    public List<InstrumentAnswer> Answers { get; set; } = [];
}

/// <summary>One answered item: its link id and the value scored (an answer code is stored as its value).</summary>
public sealed class InstrumentAnswer
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ResponseId { get; set; }
    public required string LinkId { get; set; }
    public int Value { get; set; }
}

/// <summary>
/// A staff-visible suicide-risk alert raised by a response (clinical-spec §8.1): it stays open on the Today page and
/// the patient's chart until a clinician acknowledges it.
/// </summary>
public sealed class SuicideRiskAlert
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public Guid ResponseId { get; set; }
    public SuicideRiskLevel Level { get; set; }

    /// <summary>Rule ids that decided the level, comma-separated.</summary>
    public required string Rules { get; set; }

    /// <summary>The triggers' plain-words reasons (no patient identifiers).</summary>
    public required string Reason { get; set; }

    /// <summary>The required actions of the level, one per line.</summary>
    public required string RequiredActions { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }

    public bool IsOpen => AcknowledgedAt is null;
}
