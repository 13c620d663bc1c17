namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>Encounter.status values the clinic uses.</summary>
public enum EncounterState
{
    Planned,
    Arrived,
    InProgress,
    Finished,
    Cancelled,
    EnteredInError,
}

/// <summary>
/// Input for FHIR Encounter: one ambulatory (class AMB) clinic visit. The period runs from arrival to discharge,
/// so the observation time can be checked from it (clinical-spec §10.1).
/// </summary>
public sealed record EncounterSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required EncounterState Status { get; init; }

    /// <summary>Arrival instant; null for a planned visit.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    /// <summary>Discharge instant; null while the patient is in the clinic.</summary>
    public DateTimeOffset? DischargedAt { get; init; }
    public string? SiteId { get; init => field = FhirIds.RequireOptional(value, nameof(SiteId)); }
    public string? OrganizationId { get; init => field = FhirIds.RequireOptional(value, nameof(OrganizationId)); }
    public IReadOnlyList<string> PractitionerIds { get; init => field = Guard.Ids(value, nameof(PractitionerIds)); } = [];
    public string? AppointmentId { get; init => field = FhirIds.RequireOptional(value, nameof(AppointmentId)); }
}

/// <summary>Procedure.status / MedicationAdministration.status values the clinic uses for an infusion.</summary>
public enum InfusionState
{
    Preparation,
    InProgress,
    OnHold,
    Completed,
    Stopped,
    NotDone,
    EnteredInError,
}

/// <summary>Input for FHIR Procedure: the infusion session as a procedure (clinical-spec §10.1).</summary>
public sealed record InfusionProcedureSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required string EncounterId { get; init => field = FhirIds.Require(value, nameof(EncounterId)); }
    public required InfusionState Status { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public IReadOnlyList<string> PerformerPractitionerIds { get; init => field = Guard.Ids(value, nameof(PerformerPractitionerIds)); } = [];
    public string? SiteId { get; init => field = FhirIds.RequireOptional(value, nameof(SiteId)); }

    /// <summary>Why a started infusion was stopped or not done (text).</summary>
    public string? StatusReason { get; init => field = Guard.NotBlankOptional(value, nameof(StatusReason)); }

    /// <summary>Adverse events during the session, as text (Procedure.complication).</summary>
    public IReadOnlyList<string> Complications { get; init; } = [];
    public string? ProtocolVersion { get; init => field = Guard.NotBlankOptional(value, nameof(ProtocolVersion)); }
}

/// <summary>Which body weight a dose used (clinical-spec §3.2).</summary>
public enum DoseWeightBasis
{
    Actual,
    Ideal,
    Adjusted,
}

/// <summary>
/// Input for FHIR MedicationAdministration: the ketamine given in one infusion (clinical-spec §10.1).
/// Medication: RxNorm ingredient 6130 (ketamine) [K] plus the vial's NDC when known.
/// </summary>
public sealed record MedicationAdministrationSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string PatientId { get; init => field = FhirIds.Require(value, nameof(PatientId)); }
    public required string EncounterId { get; init => field = FhirIds.Require(value, nameof(EncounterId)); }

    /// <summary>The infusion Procedure this administration is part of.</summary>
    public string? ProcedureId { get; init => field = FhirIds.RequireOptional(value, nameof(ProcedureId)); }
    public required InfusionState Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public IReadOnlyList<string> PerformerPractitionerIds { get; init => field = Guard.Ids(value, nameof(PerformerPractitionerIds)); } = [];

    /// <summary>Total dose given, mg.</summary>
    public required decimal DoseMg { get; init => field = Guard.Positive(value, nameof(DoseMg)); }

    /// <summary>Pump rate, mL/h.</summary>
    public decimal? RateMlPerHour { get; init => field = Guard.PositiveOptional(value, nameof(RateMlPerHour)); }

    /// <summary>Prescribed dose per kilogram, mg/kg.</summary>
    public required decimal DoseMgPerKg { get; init => field = Guard.Positive(value, nameof(DoseMgPerKg)); }
    public required DoseWeightBasis WeightBasis { get; init; }

    /// <summary>The body weight the dose used, kg.</summary>
    public required decimal WeightKg { get; init => field = Guard.Positive(value, nameof(WeightKg)); }
    public string? LotNumber { get; init => field = Guard.NotBlankOptional(value, nameof(LotNumber)); }
    public string? VialId { get; init => field = Guard.NotBlankOptional(value, nameof(VialId)); }

    /// <summary>National Drug Code of the vial (e.g. <c>0409-2053-10</c>), when known.</summary>
    public string? Ndc { get; init => field = Guard.NotBlankOptional(value, nameof(Ndc)); }

    /// <summary>The order this administration fulfils (MedicationRequest id).</summary>
    public string? MedicationRequestId { get; init => field = FhirIds.RequireOptional(value, nameof(MedicationRequestId)); }
    public string? ProtocolVersion { get; init => field = Guard.NotBlankOptional(value, nameof(ProtocolVersion)); }
}

/// <summary>Observation.status values the clinic writes.</summary>
public enum ResultStatus
{
    Preliminary,
    Final,
    Amended,
    Corrected,
    Cancelled,
    EnteredInError,
}
