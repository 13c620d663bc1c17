using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Recovery;

/// <summary>DC-04: the clinician's attestation before discharge.</summary>
/// <param name="DissociationResolved">Dissociation has resolved.</param>
/// <param name="SedationResolved">Sedation has resolved.</param>
/// <param name="NoNewPsychoticSymptoms">No new psychotic symptoms.</param>
public sealed record ClinicianAttestation(bool DissociationResolved, bool SedationResolved, bool NoNewPsychoticSymptoms);

/// <summary>The medical director's disposition after an SI-3 event (DC-05).</summary>
public enum Si3Disposition
{
    /// <summary>Not yet recorded.</summary>
    NotRecorded,

    /// <summary>The medical director approved a home discharge.</summary>
    HomeDischargeApproved,

    /// <summary>The medical director chose a higher level of care: not a home discharge.</summary>
    HigherLevelOfCare,
}

/// <summary>Which SI actions of the encounter are complete (clinical-spec §8.1, DC-05).</summary>
public sealed record SuicideRiskActions
{
    /// <summary>Nothing completed.</summary>
    public static SuicideRiskActions NoneCompleted { get; } = new();

    /// <summary>SI-1: the clinician-review Task is done.</summary>
    public bool ClinicianReviewDone { get; init; }

    /// <summary>SI-2 (and SI-3): the clinician assessment is done; it also completes the SI-1 review (SI-ESC-01).</summary>
    public bool ClinicianAssessmentDone { get; init; }

    /// <summary>SI-2: the Stanley–Brown safety plan is completed or reviewed.</summary>
    public bool SafetyPlanCompletedOrReviewed { get; init; }

    /// <summary>SI-2: a follow-up contact within 72 h is booked.</summary>
    public bool FollowUpWithin72HoursBooked { get; init; }

    /// <summary>SI-3: the medical director's disposition.</summary>
    public Si3Disposition MedicalDirectorDisposition { get; init; } = Si3Disposition.NotRecorded;
}

/// <summary>
/// Everything DC-01…DC-06 look at when a clinician asks to discharge a patient (clinical-spec §5.1).
/// </summary>
public sealed record DischargeAssessment
{
    /// <summary>The instant discharge is requested (now).</summary>
    public required DateTimeOffset DischargeAt { get; init; }

    /// <summary>When the infusion ended (DC-01).</summary>
    public required DateTimeOffset InfusionEndedAt { get; init; }

    /// <summary>True when DDI-CNS-01 fired for this session: DC-01 adds the CNS extension.</summary>
    public bool CnsDepressantInteraction { get; init; }

    /// <summary>The encounter's pre-infusion baseline (baselineBP), from the pre-infusion gate.</summary>
    public required VitalsBaseline Baseline { get; init; }

    /// <summary>The latest reading that includes BP (DC-03; also scores Aldrete/PADSS vital items).</summary>
    public required VitalsReading LastReading { get; init; }

    /// <summary>DC-03: a physician acknowledged a deviation beyond ±20 % of baselineBP (never valid above 180/110).</summary>
    public bool BpDeviationAcknowledgedByPhysician { get; init; }

    /// <summary>DC-03: in-session VS alarms (§4.3) of the encounter that are still unresolved.</summary>
    public IReadOnlyList<RuleId> UnresolvedAlarms { get; init; } = [];

    /// <summary>DC-02: Aldrete observations, when the protocol's instrument is the modified Aldrete score.</summary>
    public AldreteObservations? Aldrete { get; init; }

    /// <summary>DC-02: PADSS observations, when the protocol's instrument is PADSS.</summary>
    public PadssObservations? Padss { get; init; }

    /// <summary>DC-04: the clinician's attestation; null when not yet given.</summary>
    public ClinicianAttestation? Attestation { get; init; }

    /// <summary>DC-05: the encounter's SI level (the highest trigger, SI-ESC-01); None when no trigger fired.</summary>
    public SuicideRiskLevel HighestSuicideRiskLevel { get; init; } = SuicideRiskLevel.None;

    /// <summary>DC-05: which SI actions are complete.</summary>
    public SuicideRiskActions SuicideRiskActions { get; init; } = SuicideRiskActions.NoneCompleted;

    /// <summary>DC-06: a responsible adult escort is documented.</summary>
    public bool EscortDocumented { get; init; }

    /// <summary>DC-06: the patient was told not to drive until the next day after a night's sleep.</summary>
    public bool NoDrivingInstructionGiven { get; init; }
}
