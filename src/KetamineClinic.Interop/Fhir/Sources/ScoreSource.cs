namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>Scored instruments and how their result is coded (clinical-spec §6.1, §10.1).</summary>
public enum ScoredInstrument
{
    /// <summary>PHQ-9 total, LOINC 44261-6 [V].</summary>
    Phq9,

    /// <summary>PHQ-9 item 9 (thoughts of death or self-harm, 0-3), LOINC 44260-8 [V]: the PHQ9-SAFETY-01 trigger.</summary>
    Phq9Item9,

    /// <summary>GAD-7 total, LOINC 70274-6 [V].</summary>
    Gad7,

    /// <summary>C-SSRS screener: suicide risk level, LOINC 93374-7 [V], valued from the local cssrs-risk-level system.</summary>
    CssrsScreener,

    /// <summary>MADRS total: local code <c>madrs-total</c> (no verified LOINC, §6.3).</summary>
    Madrs,

    /// <summary>QIDS-SR16 total: local code <c>qids-sr16-total</c>.</summary>
    QidsSr16,

    /// <summary>HAM-D17 total: local code <c>hamd-17-total</c>.</summary>
    HamD17,

    /// <summary>CADSS-23 total: local code <c>cadss-23-total</c>.</summary>
    Cadss,

    /// <summary>Beck Scale for Suicide Ideation total: local code <c>beck-ssi-total</c>.</summary>
    BeckSsi,

    /// <summary>MOAA/S sedation score: local code <c>moaas-score</c>.</summary>
    Moaas,

    /// <summary>BPRS positive-symptom subscale total: local code <c>bprs-positive-total</c>.</summary>
    BprsPositive,
}

/// <summary>C-SSRS screener triage result (CSSRS-01..04). <see cref="None"/> is distinct from <see cref="Low"/>.</summary>
public enum CssrsRisk
{
    None,
    Low,
    Moderate,
    High,
}

/// <summary>
/// Input for a score Observation (category survey). Exactly one of <see cref="Total"/> (numeric instruments) or
/// <see cref="RiskLevel"/> (C-SSRS screener) is set; an incomplete instrument (SCALE-01) has neither and is sent with
/// dataAbsentReason.
/// </summary>
public sealed record ScoreSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required ScoredInstrument Instrument { get; init; }
    public required DateTimeOffset EffectiveAt { get; init; }
    public ResultStatus Status { get; init; } = ResultStatus.Final;

    /// <summary>Total score (unit {score}); null for the C-SSRS screener or when incomplete.</summary>
    public int? Total { get; init => field = Guard.NotNegative(value, nameof(Total)); }

    /// <summary>C-SSRS risk level; only for <see cref="ScoredInstrument.CssrsScreener"/>.</summary>
    public CssrsRisk? RiskLevel { get; init; }

    /// <summary>Severity band as shown to clinicians (Observation.interpretation text), e.g. "Moderate".</summary>
    public string? BandText { get; init => field = Guard.NotBlankOptional(value, nameof(BandText)); }
    public string? EncounterId { get; init => field = FhirIds.RequireOptional(value, nameof(EncounterId)); }

    /// <summary>The QuestionnaireResponse the score was computed from (Observation.derivedFrom).</summary>
    public string? QuestionnaireResponseId { get; init => field = FhirIds.RequireOptional(value, nameof(QuestionnaireResponseId)); }
    public string? ProtocolVersion { get; init => field = Guard.NotBlankOptional(value, nameof(ProtocolVersion)); }

    /// <summary>Highest total that counts as remission under the protocol (e.g. 4 for PHQ-9 &lt;5, PHQ9-REM-01).</summary>
    public int? RemissionCutoff { get; init => field = Guard.NotNegative(value, nameof(RemissionCutoff)); }
}

/// <summary>Input for FHIR RiskAssessment: the C-SSRS screener triage (clinical-spec §6.6, §10.1).</summary>
public sealed record RiskAssessmentSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required CssrsRisk Risk { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
    public ResultStatus Status { get; init; } = ResultStatus.Final;
    public string? EncounterId { get; init => field = FhirIds.RequireOptional(value, nameof(EncounterId)); }
    public string? PerformerPractitionerId { get; init => field = FhirIds.RequireOptional(value, nameof(PerformerPractitionerId)); }

    /// <summary>The screener's QuestionnaireResponse (RiskAssessment.basis).</summary>
    public string? QuestionnaireResponseId { get; init => field = FhirIds.RequireOptional(value, nameof(QuestionnaireResponseId)); }

    /// <summary>The risk-level Observation 93374-7 (RiskAssessment.basis).</summary>
    public string? RiskLevelObservationId { get; init => field = FhirIds.RequireOptional(value, nameof(RiskLevelObservationId)); }

    /// <summary>Free-text rationale, e.g. "incomplete screener treated as High (CSSRS-VAL-01)".</summary>
    public string? Note { get; init => field = Guard.NotBlankOptional(value, nameof(Note)); }
    public string? ProtocolVersion { get; init => field = Guard.NotBlankOptional(value, nameof(ProtocolVersion)); }
}
