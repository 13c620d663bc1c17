using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;

namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// The values before rounding, for the audit log (<c>PUMP-02</c>: "show the unrounded values in the audit log").
/// Never fed into further arithmetic.
/// </summary>
/// <param name="DoseMg">dose_mg_per_kg × dosing weight, before rounding to 0.1 mg.</param>
/// <param name="DrugVolumeMl">Rounded dose ÷ vial strength, before rounding to the syringe graduation.</param>
/// <param name="FinalVolumeMl">Final volume before rounding (fixed-concentration only differs from the rounded one).</param>
/// <param name="FinalConcentrationMgPerMl">Recorded dose ÷ final volume, before the 4 dp display rounding.</param>
/// <param name="RateMlPerHour">Final volume × 60 ÷ duration, before rounding to 0.1 mL/h.</param>
/// <param name="DoseRateMgPerMin">Recorded dose ÷ duration.</param>
/// <param name="DoseRateMgPerKgPerHour">dose_mg_per_kg × 60 ÷ duration.</param>
public sealed record UnroundedDoseValues(
    decimal DoseMg,
    decimal DrugVolumeMl,
    decimal FinalVolumeMl,
    decimal FinalConcentrationMgPerMl,
    decimal RateMlPerHour,
    decimal DoseRateMgPerMin,
    decimal DoseRateMgPerKgPerHour);

/// <summary>
/// A worked dose and pump plan (clinical-spec §3.1, §3.2, §3.5). Every rounding is AwayFromZero (<c>PUMP-01</c>).
/// Only <see cref="DosingPlanner"/> creates plans.
/// </summary>
public sealed record DosePlan
{
    internal DosePlan(DosingWeight weight, FormularyVial vial, PreparationMethod method, UnroundedDoseValues unrounded)
    {
        Weight = weight;
        Vial = vial;
        Method = method;
        Unrounded = unrounded;
    }

    /// <summary>Version of the protocol whose numbers were used.</summary>
    public ProtocolVersion ProtocolVersion { get; internal init; }

    /// <summary>The dosing weight, its basis, and the measurement dates (DOSE-WT-01).</summary>
    public DosingWeight Weight { get; }

    /// <summary>Ordered dose (mg/kg).</summary>
    public decimal DoseMgPerKg { get; internal init; }

    /// <summary>Infusion duration (min) (DOSE-04).</summary>
    public int DurationMin { get; internal init; }

    /// <summary>Infusion duration.</summary>
    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMin);

    /// <summary>Ordered dose (mg) rounded to the dose step, default 0.1 mg (DOSE-01, PUMP-02).</summary>
    public decimal OrderedDoseMg { get; internal init; }

    /// <summary>The formulary presentation drawn from (PUMP-04).</summary>
    public FormularyVial Vial { get; }

    /// <summary>Vials needed to draw <see cref="DrawnVolume"/> (multiple-dose vials; the remainder stays in the last vial).</summary>
    public int VialsRequired { get; internal init; }

    /// <summary>Drug volume drawn, rounded to the syringe graduation (PUMP-02). Consumed by the ledger.</summary>
    public LiquidVolume DrawnVolume { get; internal init; }

    /// <summary>Recorded dose = drawn volume × vial strength, exactly (PUMP-02). Consumed by the ledger.</summary>
    public DrugMass RecordedDose { get; internal init; }

    /// <summary>The preparation method.</summary>
    public PreparationMethod Method { get; }

    /// <summary>Diluent removed from the bag before adding the drug (PUMP-03; 0 unless the clinic enables it).</summary>
    public decimal DiluentRemovedMl { get; internal init; }

    /// <summary>Diluent to add (fixed-concentration: final − drawn volume; bag-additive: 0, the bag is the diluent).</summary>
    public decimal DiluentAddedMl { get; internal init; }

    /// <summary>Final volume in the bag or syringe (mL), from the rounded drawn volume.</summary>
    public decimal FinalVolumeMl { get; internal init; }

    /// <summary>Final concentration (mg/mL) to 4 dp, for display only; never used in further arithmetic.</summary>
    public decimal FinalConcentrationMgPerMlDisplay { get; internal init; }

    /// <summary>Pump rate (mL/h) rounded to 0.1 (PUMP-01).</summary>
    public decimal RateMlPerHour { get; internal init; }

    /// <summary>Dose rate (mg/min) from the recorded dose, 3 dp.</summary>
    public decimal DoseRateMgPerMin { get; internal init; }

    /// <summary>Dose rate (mg/kg/h) from the ordered mg/kg, 3 dp.</summary>
    public decimal DoseRateMgPerKgPerHour { get; internal init; }

    /// <summary>The values before rounding, for the audit log.</summary>
    public UnroundedDoseValues Unrounded { get; }
}
