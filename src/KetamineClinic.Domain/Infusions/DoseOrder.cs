namespace KetamineClinic.Domain.Infusions;

/// <summary>A physician's signature on a titration step-up (<c>DOSE-03</c>); it clears the step-up BLOCK.</summary>
public sealed record StepUpSignOff
{
    /// <summary>Creates a sign-off; the physician must not be blank.</summary>
    public StepUpSignOff(string physician, DateTimeOffset signedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(physician);
        Physician = physician;
        SignedAt = signedAt;
    }

    /// <summary>The signing physician (user id or name).</summary>
    public string Physician { get; }

    /// <summary>When the step-up was signed.</summary>
    public DateTimeOffset SignedAt { get; }
}

/// <summary>
/// An infusion order (clinical-spec §3.1): dose per kg, duration, and the titration context.
/// </summary>
public sealed record DoseOrder
{
    /// <summary>Creates an order.</summary>
    /// <param name="doseMgPerKg">Ordered dose in mg/kg; more than 0 and at most 100 (the clinical range is DOSE-02's job).</param>
    /// <param name="durationMin">Infusion duration in minutes (1–1440), or null for the protocol default (DOSE-04).</param>
    /// <param name="previousDoseMgPerKg">The dose (mg/kg) of this patient's previous infusion in the course, or null for the first one (DOSE-03).</param>
    /// <param name="stepUpSignOff">The physician's signature when this order steps the dose up (DOSE-03).</param>
    public DoseOrder(decimal doseMgPerKg, int? durationMin = null, decimal? previousDoseMgPerKg = null, StepUpSignOff? stepUpSignOff = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(doseMgPerKg);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(doseMgPerKg, 100m);
        if (durationMin is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(durationMin));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(d, 24 * 60, nameof(durationMin));
        }
        if (previousDoseMgPerKg is { } prev)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prev, nameof(previousDoseMgPerKg));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(prev, 100m, nameof(previousDoseMgPerKg));
        }
        DoseMgPerKg = doseMgPerKg;
        DurationMin = durationMin;
        PreviousDoseMgPerKg = previousDoseMgPerKg;
        StepUpSignOff = stepUpSignOff;
    }

    /// <summary>Ordered dose (mg/kg).</summary>
    public decimal DoseMgPerKg { get; }

    /// <summary>Ordered duration (min), or null for the protocol default.</summary>
    public int? DurationMin { get; }

    /// <summary>Previous infusion's dose (mg/kg), or null for the first infusion.</summary>
    public decimal? PreviousDoseMgPerKg { get; }

    /// <summary>Physician sign-off of a step-up, if any.</summary>
    public StepUpSignOff? StepUpSignOff { get; }
}

/// <summary>How the dose is made up (clinical-spec §3.5). A closed hierarchy.</summary>
public abstract record PreparationMethod
{
    private PreparationMethod()
    {
    }

    /// <summary>
    /// Bag-additive: the drawn drug is added to a diluent bag (e.g. 100 mL 0.9% NaCl). Final volume = labelled bag
    /// volume + drug volume; overfill is ignored (<c>PUMP-03</c>) unless the clinic removes an equal volume first.
    /// </summary>
    public sealed record BagAdditive : PreparationMethod
    {
        /// <summary>Creates the method.</summary>
        /// <param name="diluentBagVolumeMl">The bag's labelled volume in mL; more than 0 and at most 1000.</param>
        /// <param name="diluent">The diluent's name, e.g. "0.9% NaCl" or "D5W".</param>
        public BagAdditive(decimal diluentBagVolumeMl, string diluent = "0.9% NaCl")
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(diluentBagVolumeMl);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(diluentBagVolumeMl, 1000m);
            ArgumentException.ThrowIfNullOrWhiteSpace(diluent);
            DiluentBagVolumeMl = diluentBagVolumeMl;
            Diluent = diluent;
        }

        /// <summary>Labelled bag volume (mL).</summary>
        public decimal DiluentBagVolumeMl { get; }

        /// <summary>Diluent name.</summary>
        public string Diluent { get; }
    }

    /// <summary>
    /// Fixed concentration: the drawn drug is diluted to a target concentration (e.g. 1 mg/mL in a syringe or bag;
    /// the Ketalar label describes 1 mg/mL, or 2 mg/mL when fluid is restricted [S4]).
    /// Final volume = recorded dose ÷ target concentration.
    /// </summary>
    public sealed record FixedConcentration : PreparationMethod
    {
        /// <summary>Creates the method.</summary>
        /// <param name="targetConcentrationMgPerMl">Target concentration in mg/mL; more than 0 and at most 100.</param>
        /// <param name="diluent">The diluent's name.</param>
        public FixedConcentration(decimal targetConcentrationMgPerMl, string diluent = "0.9% NaCl")
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetConcentrationMgPerMl);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(targetConcentrationMgPerMl, 100m);
            ArgumentException.ThrowIfNullOrWhiteSpace(diluent);
            TargetConcentrationMgPerMl = targetConcentrationMgPerMl;
            Diluent = diluent;
        }

        /// <summary>Target concentration (mg/mL).</summary>
        public decimal TargetConcentrationMgPerMl { get; }

        /// <summary>Diluent name.</summary>
        public string Diluent { get; }
    }
}

/// <summary>What the nurse prepares from: the vial strength entered (checked by <c>PUMP-04</c>) and the method.</summary>
public sealed record Preparation
{
    /// <summary>Creates a preparation.</summary>
    /// <param name="vialConcentrationMgPerMl">Vial strength entered (mg/mL), more than 0.</param>
    /// <param name="method">Bag-additive or fixed-concentration.</param>
    public Preparation(decimal vialConcentrationMgPerMl, PreparationMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vialConcentrationMgPerMl);
        ArgumentNullException.ThrowIfNull(method);
        VialConcentrationMgPerMl = vialConcentrationMgPerMl;
        Method = method;
    }

    /// <summary>Vial strength entered (mg/mL).</summary>
    public decimal VialConcentrationMgPerMl { get; }

    /// <summary>Preparation method.</summary>
    public PreparationMethod Method { get; }
}
