namespace KetamineClinic.Domain.Screening;

/// <summary>What kind of treatment a trial was (ELIG-TRD-04, clinical-spec §1.1).</summary>
public enum TreatmentKind
{
    /// <summary>An antidepressant given as the antidepressant trial; the only kind ELIG-TRD-01 counts.</summary>
    AntidepressantMonotherapy,

    /// <summary>An add-on (lithium, antipsychotic, second antidepressant…); recorded, counted by MSM, not by ELIG-TRD-01.</summary>
    Augmentation,

    /// <summary>Psychotherapy; recorded, not counted.</summary>
    Psychotherapy,

    /// <summary>A course of electroconvulsive therapy; counted by MSM and by Thase–Rush stage V when bilateral.</summary>
    Ect,
}

/// <summary>Whether adherence was documented (ELIG-TRD-02).</summary>
public enum AdherenceStatus
{
    /// <summary>No documentation: the trial is not adequate and an INFO prompt asks for it.</summary>
    Unknown,

    /// <summary>Documented as confirmed.</summary>
    Confirmed,

    /// <summary>Documented as not adherent: the trial is not adequate.</summary>
    NotConfirmed,
}

/// <summary>Electrode placement of an ECT course; Thase–Rush stage V needs bilateral ECT.</summary>
public enum EctLaterality
{
    /// <summary>Not documented (does not count for stage V).</summary>
    Unknown,

    /// <summary>Right unilateral (does not count for stage V).</summary>
    Unilateral,

    /// <summary>Bilateral (bitemporal or bifrontal).</summary>
    Bilateral,
}

/// <summary>
/// How a trial ended (ELIG-TRD-03, clinical-spec §1.1): non-response is a reduction below 50% on a validated scale,
/// or clinician-documented non-response where no scale exists.
/// </summary>
public abstract record TrialOutcome
{
    private TrialOutcome()
    {
    }

    /// <summary>True when the outcome is a non-response under ELIG-TRD-03.</summary>
    public abstract bool IsNonResponse { get; }

    /// <summary>True when the outcome is a response.</summary>
    public abstract bool IsResponse { get; }

    /// <summary>No outcome recorded yet (trial ongoing or not assessed).</summary>
    public sealed record NotAssessed : TrialOutcome
    {
        public override bool IsNonResponse => false;

        public override bool IsResponse => false;
    }

    /// <summary>Response documented by the clinician without scale scores.</summary>
    public sealed record ClinicianDocumentedResponse : TrialOutcome
    {
        public override bool IsNonResponse => false;

        public override bool IsResponse => true;
    }

    /// <summary>Non-response documented by the clinician where no scale exists.</summary>
    public sealed record ClinicianDocumentedNonResponse : TrialOutcome
    {
        public override bool IsNonResponse => true;

        public override bool IsResponse => false;
    }

    /// <summary>
    /// Rated on a validated scale: non-response when the reduction from baseline is below 50%, computed in integers
    /// (2 × (baseline − final) &lt; baseline), so exactly 50% is a response.
    /// </summary>
    public sealed record ScaleRated : TrialOutcome
    {
        /// <summary>Scores on the named scale; baseline above 0, final 0 or more.</summary>
        public ScaleRated(string scale, int baselineScore, int finalScore)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(scale);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baselineScore);
            ArgumentOutOfRangeException.ThrowIfNegative(finalScore);
            Scale = scale;
            BaselineScore = baselineScore;
            FinalScore = finalScore;
        }

        /// <summary>Scale name (e.g. "MADRS").</summary>
        public string Scale { get; }

        /// <summary>Score at the start of the trial (above 0).</summary>
        public int BaselineScore { get; }

        /// <summary>Score at the end of the trial (0 or more; may exceed baseline).</summary>
        public int FinalScore { get; }

        /// <summary>Reduction from baseline in percent (display only; negative when worse).</summary>
        public decimal ReductionPercent => checked((BaselineScore - FinalScore) * 100m / BaselineScore);

        // ELIG-TRD-03 (clinical-spec §1.1, S11): non-response = <50% reduction.
        public override bool IsNonResponse => checked(2 * (BaselineScore - FinalScore)) < BaselineScore;

        public override bool IsResponse => !IsNonResponse;
    }
}

/// <summary>
/// One treatment tried for depression: an antidepressant trial, an augmentation, psychotherapy or an ECT course.
/// Build it with the factory for its kind.
/// </summary>
public sealed record TreatmentTrial
{
    private TreatmentTrial(
        TreatmentKind kind,
        string name,
        AntidepressantClass? antidepressantClass,
        decimal? doseMgPerDay,
        decimal? weeksAtTargetDose,
        AdherenceStatus adherence,
        TrialOutcome outcome,
        bool inCurrentEpisode,
        EctLaterality? laterality)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!Enum.IsDefined(adherence))
        {
            throw new ArgumentOutOfRangeException(nameof(adherence), adherence, "Unknown adherence status.");
        }
        if (doseMgPerDay is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(doseMgPerDay), doseMgPerDay, "A dose cannot be negative (mg/day).");
        }
        if (weeksAtTargetDose is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(weeksAtTargetDose), weeksAtTargetDose, "Weeks at target dose cannot be negative.");
        }
        Kind = kind;
        Name = name.Trim();
        Class = antidepressantClass;
        DoseMgPerDay = doseMgPerDay;
        WeeksAtTargetDose = weeksAtTargetDose;
        Adherence = adherence;
        Outcome = outcome;
        InCurrentEpisode = inCurrentEpisode;
        Laterality = laterality;
    }

    /// <summary>Kind of treatment.</summary>
    public TreatmentKind Kind { get; }

    /// <summary>Drug (generic or brand) or therapy name.</summary>
    public string Name { get; }

    /// <summary>Antidepressant class (monotherapy trials always have one; the catalogue's class unless given explicitly).</summary>
    public AntidepressantClass? Class { get; }

    /// <summary>Target dose, mg/day (antidepressant and augmentation trials).</summary>
    public decimal? DoseMgPerDay { get; }

    /// <summary>Weeks at the target dose (decimal weeks, e.g. 3.9).</summary>
    public decimal? WeeksAtTargetDose { get; }

    /// <summary>Adherence documentation.</summary>
    public AdherenceStatus Adherence { get; }

    /// <summary>How the trial ended.</summary>
    public TrialOutcome Outcome { get; }

    /// <summary>True when the trial belongs to the current depressive episode (only those count for ELIG-TRD-01).</summary>
    public bool InCurrentEpisode { get; }

    /// <summary>ECT electrode placement (ECT courses only).</summary>
    public EctLaterality? Laterality { get; }

    /// <summary>
    /// An antidepressant given as the trial. The class comes from <paramref name="explicitClass"/>, else from the drug
    /// catalogue, else <see cref="AntidepressantClass.Other"/> (such a drug has no dose-table row, so it is never adequate
    /// until the clinic adds one).
    /// </summary>
    /// <param name="drug">Generic or brand name.</param>
    /// <param name="doseMgPerDay">Target dose, mg/day (0 or more).</param>
    /// <param name="weeksAtTargetDose">Weeks at the target dose (0 or more).</param>
    /// <param name="adherence">Adherence documentation.</param>
    /// <param name="outcome">How the trial ended.</param>
    /// <param name="explicitClass">Class to use instead of the catalogue's.</param>
    /// <param name="inCurrentEpisode">False for trials in earlier episodes.</param>
    public static TreatmentTrial Antidepressant(
        string drug,
        decimal doseMgPerDay,
        decimal weeksAtTargetDose,
        AdherenceStatus adherence,
        TrialOutcome outcome,
        AntidepressantClass? explicitClass = null,
        bool inCurrentEpisode = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drug);
        if (explicitClass is { } c && !Enum.IsDefined(c))
        {
            throw new ArgumentOutOfRangeException(nameof(explicitClass), explicitClass, "Unknown antidepressant class.");
        }
        var cls = explicitClass ?? DrugCatalogue.Lookup(drug)?.Antidepressant ?? AntidepressantClass.Other;
        return new(TreatmentKind.AntidepressantMonotherapy, drug, cls, doseMgPerDay, weeksAtTargetDose, adherence, outcome, inCurrentEpisode, null);
    }

    /// <summary>An augmentation (recorded; counted by MSM, not by ELIG-TRD-01).</summary>
    public static TreatmentTrial Augmentation(string agent, TrialOutcome outcome, decimal? doseMgPerDay = null, decimal? weeks = null, bool inCurrentEpisode = true) =>
        new(TreatmentKind.Augmentation, agent, null, doseMgPerDay, weeks, AdherenceStatus.Unknown, outcome, inCurrentEpisode, null);

    /// <summary>A psychotherapy course (recorded; not counted).</summary>
    public static TreatmentTrial Psychotherapy(string therapy, TrialOutcome outcome, decimal? weeks = null, bool inCurrentEpisode = true) =>
        new(TreatmentKind.Psychotherapy, therapy, null, null, weeks, AdherenceStatus.Unknown, outcome, inCurrentEpisode, null);

    /// <summary>An ECT course with its electrode placement.</summary>
    public static TreatmentTrial Ect(EctLaterality laterality, TrialOutcome outcome, bool inCurrentEpisode = true)
    {
        if (!Enum.IsDefined(laterality))
        {
            throw new ArgumentOutOfRangeException(nameof(laterality), laterality, "Unknown ECT laterality.");
        }
        return new(TreatmentKind.Ect, "ECT", null, null, null, AdherenceStatus.Unknown, outcome, inCurrentEpisode, laterality);
    }
}
