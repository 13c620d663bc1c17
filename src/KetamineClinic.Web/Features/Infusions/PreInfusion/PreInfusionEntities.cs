namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>
/// A minimal informed-consent record on the patient (no consent entity existed): which consent, which form version,
/// when the patient signed it, who recorded it. PRE-CONSENT-01 looks for an unrevoked one.
/// </summary>
public sealed class PatientConsent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }

    /// <summary>E.g. "IV ketamine treatment (off-label)".</summary>
    public required string ConsentType { get; set; }

    /// <summary>The consent form's version, e.g. "2026-01".</summary>
    public required string FormVersion { get; set; }

    public DateOnly SignedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// The pre-infusion checks of one session (one row per session): what the nurse recorded, the last evaluation of
/// <c>PreInfusionChecklist</c> (outcome, findings) and the physician's sign-off of WARN findings. Every write goes
/// through <see cref="PreInfusionHandler"/>, which re-evaluates, so the stored outcome always reflects the stored
/// inputs; the phase handler reads it to allow or refuse <c>StartInfusion</c>.
/// </summary>
public sealed class PreInfusionCheck
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>Today's weight (a <c>WeightMeasurement</c> row recorded at pre-checks).</summary>
    public Guid? WeightMeasurementId { get; set; }

    /// <summary>The nurse's seated baseline reading and its repeat (rows of VitalReadings, entered through VitalsIngestion).</summary>
    public Guid? FirstReadingId { get; set; }

    public Guid? RepeatReadingId { get; set; }

    public string? EscortName { get; set; }
    public string? EscortPhone { get; set; }
    public DateTimeOffset? EscortConfirmedAt { get; set; }
    public string? EscortConfirmedByName { get; set; }

    /// <summary>Point-of-care pregnancy test recorded at pre-checks (date taken, result).</summary>
    public DateOnly? PregnancyTestOn { get; set; }

    public bool? PregnancyTestPositive { get; set; }

    /// <summary>The nurse attests the patient is not of reproductive potential (with the reason), so PREG-01 does not apply.</summary>
    public string? NotOfReproductivePotentialReason { get; set; }

    public string? PregnancyRecordedByName { get; set; }

    /// <summary>When an input (anything above) last changed; an evaluation older than this is stale.</summary>
    public DateTimeOffset InputsChangedAt { get; set; }

    /// <summary>Last evaluation (server clock).</summary>
    public DateTimeOffset? EvaluatedAt { get; set; }

    /// <summary><c>PreInfusionOutcome</c> name.</summary>
    public string? Outcome { get; set; }

    /// <summary>The findings of the last evaluation (rule, level, message) as JSON.</summary>
    public string? FindingsJson { get; set; }

    /// <summary>Rule ids of the WARN findings of the last evaluation, comma-separated (what the sign-off must cover).</summary>
    public string? WarnRuleIds { get; set; }

    public string? ProtocolVersion { get; set; }

    /// <summary>Rule ids the physician signed off, comma-separated.</summary>
    public string? SignedOffRuleIds { get; set; }

    public DateTimeOffset? SignedOffAt { get; set; }
    public Guid? SignedOffByUserId { get; set; }
    public string? SignedOffByName { get; set; }

    /// <summary>The physician's risk–benefit note (BP-PRE-02 requires one).</summary>
    public string? SignOffNote { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
