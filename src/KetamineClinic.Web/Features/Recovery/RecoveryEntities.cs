using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>
/// One discharge-readiness assessment (clinical-spec §5.2 / §5.3, DC-02) with the clinician's DC-04 attestation:
/// the instrument and variant the protocol named, every item answer and its points, the reading the vital items were
/// scored on, who and when, and the protocol version. Append-only: a new assessment supersedes the previous one.
/// </summary>
public sealed class DischargeScoreRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    public Guid? AssessedByUserId { get; set; }
    public required string AssessedByName { get; set; }
    public DischargeInstrument Instrument { get; set; }

    /// <summary>"PADSS", "modified PADSS", or "Aldrete mmHg ≥9" etc.: the variant(s) used (spec: record which variant).</summary>
    public required string Variant { get; set; }

    /// <summary>The item answers as entered (JSON of <see cref="PadssObservations"/> or <see cref="AldreteObservations"/>).</summary>
    public required string AnswersJson { get; set; }

    /// <summary>Item points as scored by the domain ("Activity=2; Respiration=2; …"), null when it could not be scored.</summary>
    public string? ItemPoints { get; set; }

    /// <summary>Total 0–10, null when it could not be scored (no baseline or no current reading).</summary>
    public int? Total { get; set; }

    /// <summary>The reading whose vital signs were scored (the latest BP reading at the time).</summary>
    public Guid? ReadingId { get; set; }

    /// <summary>DC-04 attestation.</summary>
    public bool DissociationResolved { get; set; }

    public bool SedationResolved { get; set; }
    public bool NoNewPsychoticSymptoms { get; set; }
    public required string ProtocolVersion { get; set; }
}

/// <summary>DC-03: a physician acknowledged a BP deviation beyond ±20 % of baselineBP (never valid above 180/110).</summary>
public sealed class BpDeviationAcknowledgement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }

    /// <summary>The reading acknowledged: a newer reading needs a new acknowledgement.</summary>
    public Guid ReadingId { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }
    public Guid? PhysicianUserId { get; set; }
    public required string PhysicianName { get; set; }
    public required string Reason { get; set; }
}

/// <summary>DC-06: the responsible adult who takes the patient home, and the no-driving instruction, time-stamped.</summary>
public sealed class EscortHandOff
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public required string EscortName { get; set; }
    public required string Relationship { get; set; }
    public required string Phone { get; set; }

    /// <summary>The patient (and escort) were told: no driving or machinery until the next day after a night's sleep.</summary>
    public bool NoDrivingInstructionGiven { get; set; }

    public DateTimeOffset HandedOffAt { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>
/// How the session ended for the patient (clinical-spec §5.1, <see cref="DischargePolicy.ClassifyDeparture"/>):
/// Discharged only when every DC rule passed; a physician's departure against the criteria is recorded as
/// leaving against medical advice, with the rules that failed and the physician's reason.
/// </summary>
public sealed class SessionDeparture
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public DepartureKind Kind { get; set; }
    public DateTimeOffset DepartedAt { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }

    /// <summary>The physician's reason when the DC rules did not all pass.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The DC rules that failed at departure, with their reasons (empty for a discharge).</summary>
    public string? FailedRules { get; set; }

    public required string ProtocolVersion { get; set; }
}

/// <summary>A text message written by <see cref="OutboxSmsSender"/>: nothing leaves the machine (see docs/infusion-day.md).</summary>
public sealed class SmsOutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Unique: a second send with the same key is the same message (exactly once).</summary>
    public required string DeduplicationKey { get; set; }

    public required string ToPhone { get; set; }
    public required string Body { get; set; }

    /// <summary>Why it was sent, e.g. "escort-handoff".</summary>
    public required string Purpose { get; set; }

    public Guid? SessionId { get; set; }
    public Guid? PatientId { get; set; }
}
