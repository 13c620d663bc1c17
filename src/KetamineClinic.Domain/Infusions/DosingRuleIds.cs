using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>Rule ids of clinical-spec §3.1, §3.2 and §3.5 (dose, weight basis, preparation and pump).</summary>
public static class DosingRuleIds
{
    /// <summary>Which body weight the dose uses (ABW default; IBW/AdjBW at BMI ≥ threshold).</summary>
    public static RuleId WeightBasis => new("DOSE-WT-01");

    /// <summary>BLOCK: weight older than <c>maxWeightAgeDays</c>.</summary>
    public static RuleId WeightAge => new("DOSE-WT-02");

    /// <summary>HARD STOP: recorded actual weight outside 30–250 kg.</summary>
    public static RuleId WeightSanity => new("DOSE-WT-03");

    /// <summary>dose_mg = dose_mg_per_kg × dosing weight (a formula, not a gate).</summary>
    public static RuleId DoseFormula => new("DOSE-01");

    /// <summary>HARD STOP: mg/kg outside 0.1–1.0, or above the absolute mg cap when one is set.</summary>
    public static RuleId DoseRange => new("DOSE-02");

    /// <summary>BLOCK: unsigned titration step-up, or more than one step in one infusion.</summary>
    public static RuleId Titration => new("DOSE-03");

    /// <summary>HARD STOP: infusion duration outside 40–100 min.</summary>
    public static RuleId Duration => new("DOSE-04");

    /// <summary>Every pump rounding is AwayFromZero (a formula, not a gate).</summary>
    public static RuleId PumpRounding => new("PUMP-01");

    /// <summary>Dose to 0.1 mg, volume to the syringe graduation, recorded dose = drawn volume × strength.</summary>
    public static RuleId DrawnVolume => new("PUMP-02");

    /// <summary>Bag overfill ignored unless "remove equal volume before adding".</summary>
    public static RuleId BagOverfill => new("PUMP-03");

    /// <summary>BLOCK: vial strength not on the formulary.</summary>
    public static RuleId Formulary => new("PUMP-04");

    /// <summary>
    /// Local rule (not in clinical-spec v0.2), BLOCK: a vial stronger than the undiluted maximum (100 mg/mL by
    /// default) is never given without dilution [S4]; a target concentration above the vial strength is impossible.
    /// </summary>
    public static RuleId Dilution => new("PUMP-DIL-01");
}
