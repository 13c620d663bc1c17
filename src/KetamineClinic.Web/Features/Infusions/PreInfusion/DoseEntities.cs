namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

public enum PreparationKind
{
    BagAdditive,
    FixedConcentration,
}

/// <summary>
/// A physician's dose order for one session and the plan <c>DosingPlanner</c> computed for it, stored as computed
/// (every value the label prints comes from here), with the findings and the protocol version. Only an order whose
/// decision was <c>Prepare</c> is stored; a newer order supersedes an older one of the same session.
/// </summary>
public sealed class InfusionDoseOrder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }
    public bool IsCurrent { get; set; } = true;

    public decimal DoseMgPerKg { get; set; }
    public int DurationMin { get; set; }
    public decimal? PreviousDoseMgPerKg { get; set; }
    public decimal VialConcentrationMgPerMl { get; set; }
    public decimal VialVolumeMl { get; set; }
    public PreparationKind Preparation { get; set; }
    public decimal? DiluentBagVolumeMl { get; set; }
    public decimal? TargetConcentrationMgPerMl { get; set; }
    public required string Diluent { get; set; }

    /// <summary><c>WeightBasis</c> name (DOSE-WT-01), stored on every administration (clinical-spec §3.2).</summary>
    public required string WeightBasis { get; set; }

    public decimal DosingWeightKg { get; set; }
    public decimal ActualWeightKg { get; set; }
    public DateTimeOffset WeightMeasuredAt { get; set; }
    public decimal? HeightCm { get; set; }
    public decimal? BmiKgPerM2 { get; set; }

    public decimal OrderedDoseMg { get; set; }
    public long DrawnMicrolitres { get; set; }
    public long RecordedDoseMicrograms { get; set; }
    public int VialsRequired { get; set; }
    public decimal DiluentRemovedMl { get; set; }
    public decimal DiluentAddedMl { get; set; }
    public decimal FinalVolumeMl { get; set; }
    public decimal FinalConcentrationMgPerMlDisplay { get; set; }
    public decimal RateMlPerHour { get; set; }
    public decimal DoseRateMgPerMin { get; set; }
    public decimal DoseRateMgPerKgPerHour { get; set; }

    /// <summary>Findings of the decision (rule, level, message) as JSON, including INFO (PUMP-02 drawn-volume note).</summary>
    public required string FindingsJson { get; set; }

    /// <summary>The unrounded values (PUMP-02: shown in the audit log) as JSON.</summary>
    public required string UnroundedJson { get; set; }

    public required string ProtocolVersion { get; set; }
    public DateTimeOffset OrderedAt { get; set; }
    public Guid? OrderedByUserId { get; set; }
    public required string OrderedByName { get; set; }
}

/// <summary>FHIR MedicationAdministration.status, as the infusion moves.</summary>
public enum AdministrationStatus
{
    /// <summary>Vial confirmed and the dose prepared; not yet running.</summary>
    Prepared,
    InProgress,
    OnHold,
    Completed,
    Stopped,
}

/// <summary>
/// The administration of an order: the vial the nurse confirmed (lot, expiry), who prepared and who checked it,
/// and the infusion's progress. Mapped to FHIR MedicationAdministration.
/// </summary>
public sealed class DoseAdministration
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }
    public required string VialLot { get; set; }
    public DateOnly VialExpiresOn { get; set; }
    public decimal VialConcentrationMgPerMl { get; set; }
    public DateTimeOffset PreparedAt { get; set; }
    public Guid? PreparedByUserId { get; set; }
    public required string PreparedByName { get; set; }

    /// <summary>The second person who checked the preparation (name as signed).</summary>
    public required string CheckedByName { get; set; }

    public AdministrationStatus Status { get; set; } = AdministrationStatus.Prepared;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StatusReason { get; set; }
    public required string ProtocolVersion { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// <b>The controlled-substance ledger's hook.</b> One row per vial draw, written in the same SaveChanges as the
/// <see cref="DoseAdministration"/> it belongs to: what was drawn from which lot, what was wasted (0 here: the
/// remainder stays in the multiple-dose vial), by whom. The future ledger consumes unposted rows
/// (<see cref="LedgerPostedAt"/> null), posts them as DEA dispensing/waste events and stamps the column; nothing
/// is lost if the ledger is built later, because the rows wait. See docs/infusion-day.md "The DoseDrawn hook".
/// </summary>
public sealed class DoseDrawn
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AdministrationId { get; set; }
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }
    public Guid SiteId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string VialLot { get; set; }
    public DateOnly VialExpiresOn { get; set; }
    public decimal VialConcentrationMgPerMl { get; set; }
    public decimal VialVolumeMl { get; set; }
    public int VialsOpened { get; set; }

    /// <summary>Drawn volume and mass, exact (Domain <c>LiquidVolume</c>/<c>DrugMass</c> units).</summary>
    public long DrawnMicrolitres { get; set; }

    public long DrawnMicrograms { get; set; }
    public long WastedMicrolitres { get; set; }
    public long WastedMicrograms { get; set; }
    public Guid? ByUserId { get; set; }
    public required string ByName { get; set; }
    public required string WitnessName { get; set; }
    public required string ProtocolVersion { get; set; }

    /// <summary>Set by the controlled-substance ledger when it has posted this draw; null = waiting.</summary>
    public DateTimeOffset? LedgerPostedAt { get; set; }
}

public enum InfusionObservationKind
{
    AntiemeticGiven,
    PositionChange,
    AdverseEvent,
    Scale,
}

public enum AdverseEventSeriousness
{
    Mild,
    Moderate,
    Severe,
    Serious,
}

/// <summary>
/// Something that happened in the chair during the infusion: an antiemetic given, a position change, an adverse
/// event (seriousness + free text), or a scored scale (CADSS-23, MOAA/S, scored by InstrumentCatalog).
/// Each also has a line on the session timeline (SessionEvent).
/// </summary>
public sealed class InfusionObservation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid PatientId { get; set; }
    public InfusionObservationKind Kind { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Minutes of running infusion at <see cref="At"/> (pauses excluded), when infusing.</summary>
    public decimal? InfusionMinute { get; set; }

    public string? Drug { get; set; }
    public string? DoseText { get; set; }
    public string? Position { get; set; }
    public AdverseEventSeriousness? Seriousness { get; set; }
    public string? Text { get; set; }
    public string? InstrumentId { get; set; }
    public string? InstrumentVersion { get; set; }
    public int? Total { get; set; }
    public string? AnswersJson { get; set; }
    public required string ProtocolVersion { get; set; }
    public Guid? ByUserId { get; set; }
    public required string ByName { get; set; }
}
