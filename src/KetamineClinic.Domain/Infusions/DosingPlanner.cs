using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// Works out a ketamine dose and pump plan and runs every dosing and preparation gate (clinical-spec §3.1, §3.2, §3.5).
/// </summary>
public static class DosingPlanner
{
    /// <summary>
    /// Calculates the plan and its findings. The result is <see cref="DosingDecision.Prepare"/> only when no BLOCK
    /// and no un-overridden HARD STOP was raised.
    /// </summary>
    /// <param name="measured">Weight (and height, sex) with measurement instants.</param>
    /// <param name="order">The infusion order.</param>
    /// <param name="preparation">Vial strength entered and preparation method.</param>
    /// <param name="protocol">The clinic protocol (its <see cref="ClinicProtocol.Dosing"/> section).</param>
    /// <param name="evaluatedAt">The instant of this decision.</param>
    /// <param name="overrides">Physician overrides of HARD STOPs, if any.</param>
    /// <exception cref="InvalidOperationException">The protocol's dosing section is inconsistent.</exception>
    public static DosingDecision Plan(
        BodyMeasurements measured,
        DoseOrder order,
        Preparation preparation,
        ClinicProtocol protocol,
        DateTimeOffset evaluatedAt,
        IReadOnlyCollection<PhysicianOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(preparation);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Dosing;
        p.EnsureValid();

        var (weight, weightFindings) = BodyWeightRules.Evaluate(measured, evaluatedAt, protocol);
        var findings = new List<RuleFinding>(weightFindings);

        // DOSE-02 (clinical-spec §3.1): HARD STOP outside 0.1–1.0 mg/kg inclusive; physician override with reason.
        if (order.DoseMgPerKg < p.MinDoseMgPerKg || order.DoseMgPerKg > p.MaxDoseMgPerKg)
        {
            findings.Add(HardStop(DosingRuleIds.DoseRange,
                Invariant($"DOSE-02: {order.DoseMgPerKg} mg/kg is outside {p.MinDoseMgPerKg}–{p.MaxDoseMgPerKg} mg/kg. Physician override with reason required."),
                "S7", "S34", "C"));
        }

        // DOSE-03 (clinical-spec §3.1): BLOCK an unsigned step-up or more than one step.
        if (Titration.Evaluate(order, p) is { } titration)
        {
            findings.Add(titration);
        }

        // DOSE-04 (clinical-spec §3.1): HARD STOP when the duration is outside 40–100 min; default 40.
        var durationMin = order.DurationMin ?? p.DefaultDurationMin;
        if (durationMin < p.MinDurationMin || durationMin > p.MaxDurationMin)
        {
            findings.Add(HardStop(DosingRuleIds.Duration,
                Invariant($"DOSE-04: duration {durationMin} min is outside {p.MinDurationMin}–{p.MaxDurationMin} min. Physician override with reason required."),
                "S7", "S42", "C"));
        }

        // PUMP-04 (clinical-spec §3.5): BLOCK a vial strength not on the formulary; no override.
        var vial = p.FormularyVials.FirstOrDefault(v => v.ConcentrationMgPerMl == preparation.VialConcentrationMgPerMl);
        if (vial is null)
        {
            var formulary = string.Join(", ", p.FormularyVials.Select(v => v.ConcentrationMgPerMl.ToString(CultureInfo.InvariantCulture)));
            findings.Add(new RuleFinding(DosingRuleIds.Formulary, Enforcement.Block,
                Invariant($"PUMP-04: vial strength {preparation.VialConcentrationMgPerMl} mg/mL is not on the formulary ({{{formulary}}} mg/mL); choose a formulary vial."),
                ["S4", "C"]));
        }

        DosePlan? plan = null;
        if (weight is not null && vial is not null)
        {
            plan = Calculate(weight, order, durationMin, vial, preparation.Method, protocol, findings);
        }

        var applied = Overrides.Applied(findings, overrides);
        var outstanding = Overrides.Outstanding(findings, applied);
        return outstanding.Count == 0 && plan is not null
            ? new DosingDecision.Prepare(plan, findings, applied, protocol.Version)
            : new DosingDecision.DoNotPrepare(outstanding, plan, findings, applied, protocol.Version);
    }

    private static DosePlan? Calculate(
        DosingWeight weight,
        DoseOrder order,
        int durationMin,
        FormularyVial vial,
        PreparationMethod method,
        ClinicProtocol protocol,
        List<RuleFinding> findings)
    {
        var p = protocol.Dosing;
        var strength = vial.ConcentrationMgPerMl;

        // DOSE-01: dose_mg = dose_mg_per_kg × dosing_weight_kg. PUMP-02: rounded to 0.1 mg, AwayFromZero (PUMP-01).
        var doseUnrounded = order.DoseMgPerKg * weight.DosingWeightKg;
        var doseMg = PumpRounding.ToStep(doseUnrounded, p.DoseRoundingStepMg);

        // PUMP-02: drug volume rounded to the syringe graduation; the recorded dose follows the drawn volume.
        var volumeUnrounded = doseMg / strength;
        var drawnMl = PumpRounding.ToStep(volumeUnrounded, p.SyringeStepMl);
        if (drawnMl == 0m)
        {
            findings.Add(new RuleFinding(DosingRuleIds.DrawnVolume, Enforcement.Block,
                Invariant($"PUMP-02: {doseMg} mg from {strength} mg/mL rounds to 0 mL at the {p.SyringeStepMl} mL graduation; nothing can be drawn. Use a weaker vial or correct the order."),
                ["C"]));
            return null;
        }
        var recordedMg = drawnMl * strength;

        decimal finalUnrounded;
        decimal finalMl;
        decimal removedMl = 0m;
        decimal addedMl = 0m;
        switch (method)
        {
            case PreparationMethod.BagAdditive bag:
                // PUMP-03: labelled bag volume; overfill ignored unless the clinic removes an equal volume first.
                if (p.RemoveEqualVolumeBeforeAdding)
                {
                    if (drawnMl > bag.DiluentBagVolumeMl)
                    {
                        findings.Add(new RuleFinding(DosingRuleIds.BagOverfill, Enforcement.Block,
                            Invariant($"PUMP-03: drug volume {drawnMl} mL exceeds the {bag.DiluentBagVolumeMl} mL bag, so an equal volume cannot be removed; use a larger bag or a stronger vial."),
                            ["C"]));
                        return null;
                    }
                    removedMl = drawnMl;
                }
                finalUnrounded = bag.DiluentBagVolumeMl - removedMl + drawnMl;
                finalMl = finalUnrounded;
                break;
            case PreparationMethod.FixedConcentration fixedConcentration:
                var target = fixedConcentration.TargetConcentrationMgPerMl;
                // PUMP-DIL-01 (local, from the Ketalar label [S4]): dilution cannot raise the concentration.
                if (target > strength)
                {
                    findings.Add(new RuleFinding(DosingRuleIds.Dilution, Enforcement.Block,
                        Invariant($"PUMP-DIL-01: target {target} mg/mL is stronger than the {strength} mg/mL vial; choose a stronger vial or a lower target."),
                        ["S4"]));
                    return null;
                }
                // PUMP-DIL-01: "Do not give 100 mg/mL IV without dilution" [S4].
                if (target == strength && strength > p.MaxUndilutedConcentrationMgPerMl)
                {
                    findings.Add(new RuleFinding(DosingRuleIds.Dilution, Enforcement.Block,
                        Invariant($"PUMP-DIL-01: {strength} mg/mL must not be given IV without dilution; choose a target below {strength} mg/mL (the label describes 1 mg/mL)."),
                        ["S4"]));
                }
                finalUnrounded = recordedMg / target;
                finalMl = PumpRounding.ToStep(finalUnrounded, p.SyringeStepMl);
                addedMl = finalMl - drawnMl;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown preparation method.");
        }

        var concentrationUnrounded = recordedMg / finalMl;
        var rateUnrounded = finalMl * 60m / durationMin;
        var mgPerMinUnrounded = recordedMg / durationMin;
        var mgPerKgPerHourUnrounded = order.DoseMgPerKg * 60m / durationMin;

        // DOSE-02 [C]: absolute cap per infusion, when the clinic sets one; the larger of ordered and recorded dose counts.
        if (p.MaxDoseMgPerInfusion is { } cap && Math.Max(doseMg, recordedMg) > cap)
        {
            findings.Add(HardStop(DosingRuleIds.DoseRange,
                Invariant($"DOSE-02: {Mg(Math.Max(doseMg, recordedMg))} mg exceeds the clinic's cap of {cap} mg per infusion. Physician override with reason required."),
                "C"));
        }

        if (recordedMg != doseMg)
        {
            findings.Add(new RuleFinding(DosingRuleIds.DrawnVolume, Enforcement.Info,
                Invariant($"PUMP-02: {doseMg} mg ordered; {drawnMl} mL of {strength} mg/mL is drawn at the {p.SyringeStepMl} mL graduation, so {Mg(recordedMg)} mg is recorded."),
                ["C"]));
        }

        return new DosePlan(
            weight,
            vial,
            method,
            new UnroundedDoseValues(doseUnrounded, volumeUnrounded, finalUnrounded, concentrationUnrounded, rateUnrounded, mgPerMinUnrounded, mgPerKgPerHourUnrounded))
        {
            ProtocolVersion = protocol.Version,
            DoseMgPerKg = order.DoseMgPerKg,
            DurationMin = durationMin,
            OrderedDoseMg = doseMg,
            VialsRequired = (int)decimal.Ceiling(drawnMl / vial.VolumeMl),
            DrawnVolume = LiquidVolume.FromMillilitres(drawnMl),
            RecordedDose = DrugMass.FromMilligrams(recordedMg),
            DiluentRemovedMl = removedMl,
            DiluentAddedMl = addedMl,
            FinalVolumeMl = finalMl,
            FinalConcentrationMgPerMlDisplay = PumpRounding.ToPlaces(concentrationUnrounded, 4),
            // PUMP-01: rate rounded to 0.1 mL/h AwayFromZero (banker's rounding would give 41.2 for 41.25, TV-26).
            RateMlPerHour = PumpRounding.ToStep(rateUnrounded, p.RateRoundingStepMlPerHour),
            DoseRateMgPerMin = PumpRounding.ToPlaces(mgPerMinUnrounded, 3),
            DoseRateMgPerKgPerHour = PumpRounding.ToPlaces(mgPerKgPerHourUnrounded, 3),
        };
    }

    private static RuleFinding HardStop(RuleId rule, string message, params string[] sources) =>
        new(rule, Enforcement.HardStop, message, sources, ClinicalAuthority.Physician);

    private static string Mg(decimal milligrams) => milligrams.ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
