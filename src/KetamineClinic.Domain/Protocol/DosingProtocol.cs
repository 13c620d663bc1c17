using System.Globalization;
using System.Runtime.CompilerServices;
using KetamineClinic.Domain.Infusions;

namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// A ketamine presentation on the clinic's formulary (clinical-spec §3.5): strength and vial size.
/// Ketalar is supplied as 10 mg/mL (20 mL), 50 mg/mL (10 mL) and 100 mg/mL (5 mL) multiple-dose vials [S4].
/// </summary>
public sealed record FormularyVial
{
    /// <summary>Creates a formulary presentation.</summary>
    /// <param name="concentrationMgPerMl">Strength in mg/mL; more than 0 and at most 1000.</param>
    /// <param name="volumeMl">Vial volume in mL; more than 0 and at most 1000.</param>
    public FormularyVial(decimal concentrationMgPerMl, decimal volumeMl)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concentrationMgPerMl);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(concentrationMgPerMl, 1000m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(volumeMl);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volumeMl, 1000m);
        ConcentrationMgPerMl = concentrationMgPerMl;
        VolumeMl = volumeMl;
    }

    /// <summary>Strength in mg/mL.</summary>
    public decimal ConcentrationMgPerMl { get; }

    /// <summary>Volume of one vial in mL.</summary>
    public decimal VolumeMl { get; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ConcentrationMgPerMl} mg/mL × {VolumeMl} mL");
}

/// <summary>
/// The clinic's dosing and preparation policy (clinical-spec §3.1, §3.2, §3.5). Every property is a [C] default
/// that the medical director signs off. Each property validates its own range when set; relations between
/// properties (a minimum below its maximum, the formulary against the syringe graduation) are checked by
/// <see cref="Validate"/>, which every dosing calculation calls first.
/// </summary>
public sealed record DosingProtocol
{
    /// <summary>The spec's defaults (clinical-spec v0.2).</summary>
    public static DosingProtocol Default { get; } = new();

    /// <summary>
    /// <c>DOSE-WT-01</c> [C]: the weight basis used when BMI is at or above <see cref="ObesityBmiThresholdKgPerM2"/>.
    /// Default <see cref="WeightBasis.Actual"/> (ABW for everyone); a clinic may choose IBW or adjusted weight.
    /// Below the threshold the actual weight is always used.
    /// </summary>
    public WeightBasis WeightBasisWhenObese
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown weight basis.");
    } = WeightBasis.Actual;

    /// <summary><c>DOSE-WT-01</c> [C]: BMI (kg/m², compared at 0.1 resolution) from which the alternative basis applies. Default 30; 18–60.</summary>
    public decimal ObesityBmiThresholdKgPerM2 { get; init => field = InRange(value, 18m, 60m); } = 30m;

    /// <summary><c>DOSE-WT-02</c> [C]: the weight must have been measured at most this many days (24 h each) before dosing. Default 30; 1–365.</summary>
    public int MaxWeightAgeDays { get; init => field = InRange(value, 1, 365); } = 30;

    /// <summary><c>DOSE-WT-03</c> [C]: a recorded actual weight below this (kg) is a HARD STOP; the value itself passes. Default 30.</summary>
    public decimal MinActualWeightKg { get; init => field = InRange(value, 1m, 500m); } = 30m;

    /// <summary><c>DOSE-WT-03</c> [C]: a recorded actual weight above this (kg) is a HARD STOP; the value itself passes. Default 250.</summary>
    public decimal MaxActualWeightKg { get; init => field = InRange(value, 1m, 500m); } = 250m;

    /// <summary><c>DOSE-02</c> [C]: lowest dose (mg/kg) allowed without a physician override (inclusive). Default 0.1 [S34].</summary>
    public decimal MinDoseMgPerKg { get; init => field = InRange(value, 0.01m, 10m); } = 0.1m;

    /// <summary><c>DOSE-02</c> [C]: highest dose (mg/kg) allowed without a physician override (inclusive). Default 1.0 [S7, S34].</summary>
    public decimal MaxDoseMgPerKg { get; init => field = InRange(value, 0.01m, 10m); } = 1.0m;

    /// <summary>
    /// <c>DOSE-02</c> [C]: absolute cap (mg) per infusion; a larger dose is a HARD STOP. No sourced default, so
    /// unset (null) until the clinic defines one. When set: more than 0 and at most 1000 mg.
    /// </summary>
    public decimal? MaxDoseMgPerInfusion
    {
        get;
        init => field = value is { } cap ? InRange(cap, 0.1m, 1000m) : null;
    }

    /// <summary>
    /// <c>DOSE-03</c> [C]: titration ladder in mg/kg, strictly increasing; each step-up moves at most one rung
    /// and needs a physician's signature. Default 0.5 → 0.75 → 1.0.
    /// </summary>
    public IReadOnlyList<decimal> TitrationStepsMgPerKg
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("The titration ladder needs at least one step.", nameof(value));
            }
            for (var i = 0; i < value.Count; i++)
            {
                InRange(value[i], 0.01m, 10m);
                if (i > 0 && value[i] <= value[i - 1])
                {
                    throw new ArgumentException("Titration steps must be strictly increasing.", nameof(value));
                }
            }
            field = [.. value];
        }
    } = [0.5m, 0.75m, 1.0m];

    /// <summary><c>DOSE-04</c> [C]: infusion duration (min) used when the order gives none. Default 40.</summary>
    public int DefaultDurationMin { get; init => field = InRange(value, 1, 600); } = 40;

    /// <summary><c>DOSE-04</c> [C]: shortest duration (min) allowed without an override (inclusive). Default 40 [S7].</summary>
    public int MinDurationMin { get; init => field = InRange(value, 1, 600); } = 40;

    /// <summary><c>DOSE-04</c> [C]: longest duration (min) allowed without an override (inclusive). Default 100 [S42].</summary>
    public int MaxDurationMin { get; init => field = InRange(value, 1, 600); } = 100;

    /// <summary>
    /// <c>PUMP-04</c> [C]: the formulary. A vial strength not listed here is a BLOCK. Default
    /// {10 mg/mL × 20 mL, 50 mg/mL × 10 mL, 100 mg/mL × 5 mL} [S4]. Strengths must be distinct.
    /// </summary>
    public IReadOnlyList<FormularyVial> FormularyVials
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("The formulary needs at least one vial strength.", nameof(value));
            }
            if (value.Select(v => v.ConcentrationMgPerMl).Distinct().Count() != value.Count)
            {
                throw new ArgumentException("Formulary vial strengths must be distinct.", nameof(value));
            }
            field = [.. value];
        }
    } = [new(10m, 20m), new(50m, 10m), new(100m, 5m)];

    /// <summary><c>PUMP-02</c> [C]: the ordered dose is rounded to this step (mg), AwayFromZero. Default 0.1 mg.</summary>
    public decimal DoseRoundingStepMg { get; init => field = InRange(value, 0.001m, 10m); } = 0.1m;

    /// <summary><c>PUMP-02</c> [C]: syringe graduation (mL); the drawn volume is rounded to it, AwayFromZero. Default 0.01 mL.</summary>
    public decimal SyringeStepMl { get; init => field = InRange(value, 0.001m, 1m); } = 0.01m;

    /// <summary><c>PUMP-01</c> [C]: the pump rate is rounded to this step (mL/h), AwayFromZero. Default 0.1 mL/h.</summary>
    public decimal RateRoundingStepMlPerHour { get; init => field = InRange(value, 0.01m, 10m); } = 0.1m;

    /// <summary>
    /// <c>PUMP-03</c> [C]: when true, the drawn drug volume is first removed from the diluent bag, so the final
    /// volume is the bag's labelled volume. Default false: overfill is ignored and final = bag + drug volume.
    /// </summary>
    public bool RemoveEqualVolumeBeforeAdding { get; init; }

    /// <summary>
    /// <c>PUMP-DIL-01</c> (local rule, from the Ketalar label [S4]): a vial stronger than this (mg/mL) must never be
    /// given without dilution. Default 50, so 100 mg/mL is always diluted; 1–1000.
    /// </summary>
    public decimal MaxUndilutedConcentrationMgPerMl { get; init => field = InRange(value, 1m, 1000m); } = 50m;

    /// <summary>
    /// Checks the relations between properties. Returns the problems found (empty when the section is usable).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinActualWeightKg >= MaxActualWeightKg)
        {
            problems.Add("DOSE-WT-03: MinActualWeightKg must be below MaxActualWeightKg.");
        }
        if (MinDoseMgPerKg > MaxDoseMgPerKg)
        {
            problems.Add("DOSE-02: MinDoseMgPerKg must not exceed MaxDoseMgPerKg.");
        }
        if (MinDurationMin > MaxDurationMin)
        {
            problems.Add("DOSE-04: MinDurationMin must not exceed MaxDurationMin.");
        }
        if (DefaultDurationMin < MinDurationMin || DefaultDurationMin > MaxDurationMin)
        {
            problems.Add("DOSE-04: DefaultDurationMin must lie within MinDurationMin..MaxDurationMin.");
        }
        if (!IsWhole(DoseRoundingStepMg * 1000m))
        {
            problems.Add("PUMP-02: DoseRoundingStepMg must be a whole number of micrograms.");
        }
        if (!IsWhole(SyringeStepMl * 1000m))
        {
            problems.Add("PUMP-02: SyringeStepMl must be a whole number of microlitres.");
        }
        foreach (var vial in FormularyVials)
        {
            // The recorded dose (drawn volume × strength) must be exact in whole micrograms for the ledger.
            if (!IsWhole(SyringeStepMl * vial.ConcentrationMgPerMl * 1000m))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"PUMP-02: one syringe step of {vial.ConcentrationMgPerMl} mg/mL is not a whole number of micrograms."));
            }
        }
        return problems;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid dosing protocol: " + string.Join(" ", problems));
        }
    }

    private static bool IsWhole(decimal value) => value == decimal.Truncate(value);

    private static decimal InRange(decimal value, decimal min, decimal max, [CallerMemberName] string property = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, property);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, property);
        return value;
    }

    private static int InRange(int value, int min, int max, [CallerMemberName] string property = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, property);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, property);
        return value;
    }
}
