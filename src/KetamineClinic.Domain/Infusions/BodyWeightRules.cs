using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>The weight basis and the weight gates: <c>DOSE-WT-01</c>, <c>DOSE-WT-02</c>, <c>DOSE-WT-03</c> (clinical-spec §3.2).</summary>
public static class BodyWeightRules
{
    private const decimal CentimetresPerInch = 2.54m;
    private const decimal InchesInFiveFeet = 60m;
    private const decimal DevineKgPerInch = 2.3m;
    private const decimal AdjustmentFactor = 0.4m;

    /// <summary>
    /// Devine ideal body weight in kg, unrounded [S16]: men 50 kg, women 45.5 kg, plus 2.3 kg per inch over 5 ft
    /// (height in cm ÷ 2.54). Heights under 5 ft get the base weight: the formula is defined from 5 ft up, and
    /// subtracting below it is a clinic decision we do not make silently (see docs/clinical-rules/dosing-scheduling.md).
    /// </summary>
    /// <param name="heightCm">Height in cm, more than 0.</param>
    /// <param name="sex">Sex for the formula.</param>
    public static decimal IdealBodyWeightKg(decimal heightCm, SexForDosing sex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightCm);
        var baseKg = sex switch
        {
            SexForDosing.Male => 50m,
            SexForDosing.Female => 45.5m,
        };
        var inchesOverFiveFeet = Math.Max(0m, (heightCm / CentimetresPerInch) - InchesInFiveFeet);
        return baseKg + (DevineKgPerInch * inchesOverFiveFeet);
    }

    /// <summary>Adjusted body weight in kg, unrounded: IBW + 0.4 × (ABW − IBW) [S16].</summary>
    public static decimal AdjustedBodyWeightKg(decimal idealKg, decimal actualKg) =>
        idealKg + (AdjustmentFactor * (actualKg - idealKg));

    /// <summary>Body-mass index in kg/m², unrounded.</summary>
    public static decimal BmiKgPerM2(decimal weightKg, decimal heightCm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightCm);
        var metres = heightCm / 100m;
        return weightKg / (metres * metres);
    }

    /// <summary>
    /// Chooses the dosing weight and checks the weight gates.
    /// </summary>
    /// <param name="measured">Recorded weight, height and sex with their measurement instants.</param>
    /// <param name="evaluatedAt">The instant of the dosing decision (DOSE-WT-02 measures the weight's age against it).</param>
    /// <param name="protocol">The clinic protocol.</param>
    /// <returns>The dosing weight (null when the basis cannot be decided) and the findings.</returns>
    public static (DosingWeight? Weight, IReadOnlyList<RuleFinding> Findings) Evaluate(BodyMeasurements measured, DateTimeOffset evaluatedAt, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Dosing;
        var findings = new List<RuleFinding>();

        // DOSE-WT-02 (clinical-spec §3.2): BLOCK unless the weight was measured within maxWeightAgeDays; a new weight clears it.
        var age = evaluatedAt - measured.WeightMeasuredAt;
        if (age < TimeSpan.Zero)
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightAge, Enforcement.Block,
                Invariant($"DOSE-WT-02: the weight is dated {measured.WeightMeasuredAt:O}, after this dosing decision ({evaluatedAt:O}); record a current weight."),
                ["C"]));
        }
        else if (age > TimeSpan.FromDays(p.MaxWeightAgeDays))
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightAge, Enforcement.Block,
                Invariant($"DOSE-WT-02: the weight was measured {age.TotalDays:0.#} days ago, more than the {p.MaxWeightAgeDays} days allowed; record a new weight."),
                ["C"]));
        }

        // DOSE-WT-03 (clinical-spec §3.2): HARD STOP when the recorded ABW is < 30 kg or > 250 kg; the limits themselves pass.
        if (measured.WeightKg < p.MinActualWeightKg || measured.WeightKg > p.MaxActualWeightKg)
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightSanity, Enforcement.HardStop,
                Invariant($"DOSE-WT-03: recorded weight {measured.WeightKg} kg is outside {p.MinActualWeightKg}–{p.MaxActualWeightKg} kg; check for an entry error. Physician override with reason required."),
                ["C"], ClinicalAuthority.Physician));
        }

        // DOSE-WT-01 (clinical-spec §3.2): ABW by default; IBW or AdjBW only when BMI ≥ the threshold and the clinic chose it.
        decimal? bmi = measured.HeightCm is { } h ? ToTenth(BmiKgPerM2(measured.WeightKg, h)) : null;
        (decimal Ideal, decimal Adjusted)? derived = null;
        if (measured.HeightCm is { } height && measured.Sex is { } sex)
        {
            var idealUnrounded = IdealBodyWeightKg(height, sex);
            derived = (ToTenth(idealUnrounded), ToTenth(AdjustedBodyWeightKg(idealUnrounded, measured.WeightKg)));
        }
        var ideal = derived?.Ideal;
        var adjusted = derived?.Adjusted;

        var wanted = p.WeightBasisWhenObese;
        if (wanted == WeightBasis.Actual)
        {
            return (new DosingWeight(WeightBasis.Actual, measured.WeightKg, measured, bmi, ideal, adjusted), findings);
        }
        if (bmi is null)
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightBasis, Enforcement.Block,
                Invariant($"DOSE-WT-01: the protocol doses on {wanted} weight at BMI ≥ {p.ObesityBmiThresholdKgPerM2}; record a height so the BMI can be computed."),
                ["S16", "C"]));
            return (null, findings);
        }
        if (bmi < p.ObesityBmiThresholdKgPerM2)
        {
            return (new DosingWeight(WeightBasis.Actual, measured.WeightKg, measured, bmi, ideal, adjusted), findings);
        }
        if (derived is not { } weights)
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightBasis, Enforcement.Block,
                Invariant($"DOSE-WT-01: BMI {bmi} ≥ {p.ObesityBmiThresholdKgPerM2}, so the protocol doses on {wanted} weight, which needs the patient's sex for the Devine formula; record it."),
                ["S16", "C"]));
            return (null, findings);
        }

        var alternative = wanted switch
        {
            WeightBasis.Ideal => weights.Ideal,
            WeightBasis.Adjusted => weights.Adjusted,
            WeightBasis.Actual => measured.WeightKg,
        };
        if (alternative >= measured.WeightKg)
        {
            // Never dose above actual weight: an IBW/AdjBW at or above ABW falls back to ABW.
            findings.Add(new RuleFinding(DosingRuleIds.WeightBasis, Enforcement.Info,
                Invariant($"DOSE-WT-01: {wanted} weight {alternative} kg is not below the actual weight {measured.WeightKg} kg; dosing on actual weight."),
                ["S16", "C"]));
            return (new DosingWeight(WeightBasis.Actual, measured.WeightKg, measured, bmi, ideal, adjusted), findings);
        }

        findings.Add(new RuleFinding(DosingRuleIds.WeightBasis, Enforcement.Info,
            Invariant($"DOSE-WT-01: BMI {bmi} ≥ {p.ObesityBmiThresholdKgPerM2}: dosing on {wanted} weight {alternative} kg (actual {measured.WeightKg} kg)."),
            ["S16", "C"]));
        if (measured.HeightCm < InchesInFiveFeet * CentimetresPerInch)
        {
            findings.Add(new RuleFinding(DosingRuleIds.WeightBasis, Enforcement.Info,
                Invariant($"DOSE-WT-01: height {measured.HeightCm} cm is under 5 ft; Devine IBW taken as the base weight with nothing subtracted."),
                ["S16", "C"]));
        }
        return (new DosingWeight(wanted, alternative, measured, bmi, ideal, adjusted), findings);
    }

    internal static decimal ToTenth(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
