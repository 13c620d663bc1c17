namespace KetamineClinic.Web.Features.Patients;

/// <summary>Where a patient stands on the journey (directory → intake → plan → induction → maintenance).</summary>
public enum JourneyStage
{
    NewReferral,
    IntakeInProgress,
    AwaitingPhysicianReview,
    Eligible,
    NotEligible,
    Induction,
    Maintenance,
    Relapsed,
    Discharged,
}

public enum SexAtBirth
{
    Female,
    Male,
    Intersex,
    Unknown,
}

public sealed class Patient
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Clinic medical record number, unique in the organisation.</summary>
    public required string Mrn { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly BornOn { get; set; }
    public SexAtBirth SexAtBirth { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public decimal? HeightCm { get; set; }
    public Guid PrimarySiteId { get; set; }
    public JourneyStage Stage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? EscortName { get; set; }
    public string? EscortPhone { get; set; }
    public List<WeightMeasurement> Weights { get; set; } = [];
    public List<Allergy> Allergies { get; set; } = [];
    public List<PatientFlag> Flags { get; set; } = [];
    /// <summary>Optimistic concurrency: two nurses editing one chart.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string DisplayName => $"{FamilyName}, {GivenName}";
}

public sealed class WeightMeasurement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public decimal WeightKg { get; set; }
    public DateTimeOffset MeasuredAt { get; set; }
    public string? RecordedBy { get; set; }
}

public sealed class Allergy
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public required string Substance { get; set; }
    public string? Reaction { get; set; }
    public bool IsSevere { get; set; }
}

public enum FlagKind
{
    SuicideRisk,
    FallRisk,
    Allergy,
    ControlledSubstanceConcern,
    Other,
}

public enum FlagPriority
{
    Normal,
    High,
}

/// <summary>An active clinical flag shown in the chart header (FHIR Flag).</summary>
public sealed class PatientFlag
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PatientId { get; set; }
    public FlagKind Kind { get; set; }
    public FlagPriority Priority { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public string? RaisedBy { get; set; }
    /// <summary>Suicide-risk flags: the SI level (clinical-spec §8.1) the flag stands for; null for other kinds.</summary>
    public Domain.Safety.SuicideRiskLevel? SuicideRiskLevel { get; set; }
    /// <summary>The rule that raised the flag (e.g. PHQ9-SAFETY-01, CSSRS-01), when a rule did.</summary>
    public string? RuleId { get; set; }

    public bool IsActive => ClearedAt is null;
}
