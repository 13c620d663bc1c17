namespace KetamineClinic.Domain.Safety;

/// <summary>Structured kinds of the actions a suicide-risk level requires (clinical-spec §8.1).</summary>
public enum SafetyActionKind
{
    /// <summary>SI-1: same-session clinician review before the infusion.</summary>
    ClinicianReviewBeforeInfusion,

    /// <summary>C-SSRS screener in this session if not yet done (SI-1; mandatory same-session for QIDS item 12 = 3).</summary>
    CssrsScreener,

    /// <summary>Create, update, complete or review the Stanley–Brown safety plan (clinical-spec §8.2).</summary>
    SafetyPlan,

    /// <summary>Show the 988 Suicide &amp; Crisis Lifeline information (<see cref="CrisisText.PatientFacing"/>).</summary>
    Show988,

    /// <summary>SI-2: clinician (prescriber or licensed BH clinician) assessment before infusion or discharge.</summary>
    ClinicianAssessment,

    /// <summary>SI-2: lethal-means counselling documented.</summary>
    LethalMeansCounselling,

    /// <summary>SI-2: follow-up contact scheduled within the protocol's window (default 72 h).</summary>
    FollowUpWithin72h,

    /// <summary>An active suicide-risk <c>Flag</c> (high priority from SI-3).</summary>
    FlagSuicideRisk,

    /// <summary>SI-3: immediate clinician evaluation.</summary>
    ImmediateEvaluation,

    /// <summary>SI-3: the patient is not left alone nor allowed to leave unescorted.</summary>
    NotLeftAlone,

    /// <summary>SI-3: consider emergency evaluation or a higher level of care.</summary>
    ConsiderHigherLevelOfCare,

    /// <summary>SI-3: the infusion goes ahead only on a physician's decision.</summary>
    InfusionOnlyOnPhysicianDecision,

    /// <summary>SI-3: a <c>Task</c> to the medical director.</summary>
    MedicalDirectorTask,

    /// <summary>SI-4: call 911 / emergency services.</summary>
    EmergencyServices,

    /// <summary>SI-4: document the hand-off to emergency services.</summary>
    DocumentHandOff,
}

/// <summary>When a required action must be done.</summary>
public enum ActionDeadline
{
    /// <summary>At once.</summary>
    Immediately,

    /// <summary>Before the infusion starts.</summary>
    BeforeInfusion,

    /// <summary>Before the infusion starts or, if there is none, before discharge.</summary>
    BeforeInfusionOrDischarge,

    /// <summary>Before the patient leaves.</summary>
    BeforeDischarge,

    /// <summary>For as long as the patient is on site or until hand-off.</summary>
    WhileOnSite,
}

/// <summary>One action the encounter's SI level requires.</summary>
/// <param name="Kind">What must be done.</param>
/// <param name="Deadline">By when.</param>
/// <param name="Description">Plain-words instruction shown on the task.</param>
/// <param name="WithinHours">For the follow-up: the contact must happen within this many hours; else null.</param>
/// <param name="HighPriority">True for the high-priority Flag of SI-3/SI-4.</param>
public sealed record RequiredAction(
    SafetyActionKind Kind,
    ActionDeadline Deadline,
    string Description,
    int? WithinHours = null,
    bool HighPriority = false)
{
    /// <summary>Plain-words instruction; never blank.</summary>
    public string Description { get; } = Instruments.Checks.NotBlank(Description, nameof(Description));

    /// <summary>The follow-up window in hours (positive), or null.</summary>
    public int? WithinHours { get; } = WithinHours is null or > 0
        ? WithinHours
        : throw new ArgumentOutOfRangeException(nameof(WithinHours), WithinHours, "A time window is at least 1 hour.");

    /// <summary>
    /// For <see cref="SafetyActionKind.FollowUpWithin72h"/>: the latest time of the follow-up contact, counted from
    /// when the trigger fired (never later than the same window counted from discharge).
    /// </summary>
    /// <exception cref="InvalidOperationException">The action has no time window.</exception>
    public DateTimeOffset DueBy(DateTimeOffset triggeredAt) =>
        WithinHours is { } hours
            ? triggeredAt.AddHours(hours)
            : throw new InvalidOperationException($"{Kind} has no time window.");

    /// <summary>
    /// True when one of the completed actions satisfies this one. A completed SI-2 clinician assessment or SI-3
    /// immediate evaluation also completes the SI-1 clinician review, and an SI-3 evaluation completes an SI-2
    /// assessment (SI-ESC-01).
    /// </summary>
    public bool IsSatisfiedBy(IReadOnlyCollection<SafetyActionKind> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        return Kind switch
        {
            SafetyActionKind.ClinicianReviewBeforeInfusion =>
                completed.Contains(SafetyActionKind.ClinicianReviewBeforeInfusion)
                || completed.Contains(SafetyActionKind.ClinicianAssessment)
                || completed.Contains(SafetyActionKind.ImmediateEvaluation),
            SafetyActionKind.ClinicianAssessment =>
                completed.Contains(SafetyActionKind.ClinicianAssessment)
                || completed.Contains(SafetyActionKind.ImmediateEvaluation),
            SafetyActionKind.CssrsScreener
                or SafetyActionKind.SafetyPlan
                or SafetyActionKind.Show988
                or SafetyActionKind.LethalMeansCounselling
                or SafetyActionKind.FollowUpWithin72h
                or SafetyActionKind.FlagSuicideRisk
                or SafetyActionKind.ImmediateEvaluation
                or SafetyActionKind.NotLeftAlone
                or SafetyActionKind.ConsiderHigherLevelOfCare
                or SafetyActionKind.InfusionOnlyOnPhysicianDecision
                or SafetyActionKind.MedicalDirectorTask
                or SafetyActionKind.EmergencyServices
                or SafetyActionKind.DocumentHandOff => completed.Contains(Kind),
        };
    }
}
