using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>Rule ids, sources and argument guards of the dosing rules (what the audit log and DetectedIssue carry).</summary>
public sealed class DosingGuardTests
{
    [Fact]
    [Trait("Rule", "DOSE-01")]
    [Trait("Rule", "PUMP-01")]
    public void GivenRuleIdCatalogue_WhenRead_ThenSpecIds()
    {
        Assert.Equal(
            ["DOSE-WT-01", "DOSE-WT-02", "DOSE-WT-03", "DOSE-01", "DOSE-02", "DOSE-03", "DOSE-04", "PUMP-01", "PUMP-02", "PUMP-03", "PUMP-04", "PUMP-DIL-01"],
            new[]
            {
                DosingRuleIds.WeightBasis, DosingRuleIds.WeightAge, DosingRuleIds.WeightSanity, DosingRuleIds.DoseFormula, DosingRuleIds.DoseRange,
                DosingRuleIds.Titration, DosingRuleIds.Duration, DosingRuleIds.PumpRounding, DosingRuleIds.DrawnVolume, DosingRuleIds.BagOverfill,
                DosingRuleIds.Formulary, DosingRuleIds.Dilution,
            }.Select(r => r.Value));
    }

    public static TheoryData<string, string, Enforcement, string[]> SourcedFindings => new()
    {
        { "stale weight", "DOSE-WT-02", Enforcement.Block, ["C"] },
        { "future weight", "DOSE-WT-02", Enforcement.Block, ["C"] },
        { "light weight", "DOSE-WT-03", Enforcement.HardStop, ["C"] },
        { "ibw without height", "DOSE-WT-01", Enforcement.Block, ["S16", "C"] },
        { "ibw without sex", "DOSE-WT-01", Enforcement.Block, ["S16", "C"] },
        { "ibw used", "DOSE-WT-01", Enforcement.Info, ["S16", "C"] },
        { "ibw above abw", "DOSE-WT-01", Enforcement.Info, ["S16", "C"] },
        { "long infusion", "DOSE-04", Enforcement.HardStop, ["S7", "S42", "C"] },
        { "off formulary", "PUMP-04", Enforcement.Block, ["S4", "C"] },
        { "nothing to draw", "PUMP-02", Enforcement.Block, ["C"] },
        { "rounded draw", "PUMP-02", Enforcement.Info, ["C"] },
        { "bag too small", "PUMP-03", Enforcement.Block, ["C"] },
        { "target above vial", "PUMP-DIL-01", Enforcement.Block, ["S4"] },
        { "mg cap", "DOSE-02", Enforcement.HardStop, ["C"] },
        { "unsigned step", "DOSE-03", Enforcement.Block, ["S7", "C"] },
        { "skipped step", "DOSE-03", Enforcement.Block, ["S7", "C"] },
        { "signed step", "DOSE-03", Enforcement.Info, ["S7", "C"] },
    };

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [Trait("Rule", "DOSE-WT-02")]
    [Trait("Rule", "DOSE-WT-03")]
    [Trait("Rule", "DOSE-02")]
    [Trait("Rule", "DOSE-03")]
    [Trait("Rule", "DOSE-04")]
    [Trait("Rule", "PUMP-02")]
    [Trait("Rule", "PUMP-03")]
    [Trait("Rule", "PUMP-04")]
    [Trait("Rule", "PUMP-DIL-01")]
    [MemberData(nameof(SourcedFindings))]
    public void GivenScenario_WhenPlanned_ThenFindingCarriesItsRuleLevelAndSources(string scenario, string rule, Enforcement level, string[] sources)
    {
        var finding = Assert.Single(Decide(scenario).Findings, f => f.Rule.Value == rule && f.Level == level);

        Assert.Equal(sources, finding.Sources);
        Assert.Equal(level == Enforcement.HardStop ? ClinicalAuthority.Physician : ClinicalAuthority.None, finding.Authority);
        Assert.StartsWith(rule + ":", finding.Message, StringComparison.Ordinal);
    }

    private static DosingDecision Decide(string scenario)
    {
        var ibw = Clinic with { Dosing = Clinic.Dosing with { WeightBasisWhenObese = WeightBasis.Ideal } };
        var signed = new StepUpSignOff("dr.synthetic", Now);
        BodyMeasurements Tall(SexForDosing? sex) => new(120m, Now, 177.8m, Now, sex);
        return scenario switch
        {
            "stale weight" => DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddDays(-31)), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now),
            "future weight" => DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddDays(1)), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now),
            "light weight" => Plan(25m, 0.5m),
            "ibw without height" => DosingPlanner.Plan(new BodyMeasurements(120m, Now), new DoseOrder(0.5m), new Preparation(10m, Bag100), ibw, Now),
            "ibw without sex" => DosingPlanner.Plan(Tall(null), new DoseOrder(0.5m), new Preparation(10m, Bag100), ibw, Now),
            "ibw used" => DosingPlanner.Plan(Tall(SexForDosing.Male), new DoseOrder(0.5m), new Preparation(10m, Bag100), ibw, Now),
            "ibw above abw" => DosingPlanner.Plan(new BodyMeasurements(44m, Now, 120m, Now, SexForDosing.Female), new DoseOrder(0.5m), new Preparation(10m, Bag100), ibw, Now),
            "long infusion" => Plan(70m, 0.5m, durationMin: 120),
            "off formulary" => Plan(70m, 0.5m, vialMgPerMl: 25m),
            "nothing to draw" => Plan(30m, 0.01m, vialMgPerMl: 100m),
            "rounded draw" => Plan(73.3m, 0.5m, vialMgPerMl: 100m),
            "bag too small" => Plan(250m, 1.0m, vialMgPerMl: 10m, method: new PreparationMethod.BagAdditive(20m),
                protocol: Clinic with { Dosing = Clinic.Dosing with { RemoveEqualVolumeBeforeAdding = true } }),
            "target above vial" => Plan(70m, 0.5m, vialMgPerMl: 10m, method: new PreparationMethod.FixedConcentration(20m)),
            "mg cap" => Plan(70m, 0.5m, protocol: Clinic with { Dosing = Clinic.Dosing with { MaxDoseMgPerInfusion = 30m } }),
            "unsigned step" => DosingPlanner.Plan(WeighedYesterday(70m), new DoseOrder(0.75m, null, 0.5m), new Preparation(10m, Bag100), Clinic, Now),
            "skipped step" => DosingPlanner.Plan(WeighedYesterday(70m), new DoseOrder(1.0m, null, 0.5m, signed), new Preparation(10m, Bag100), Clinic, Now),
            "signed step" => DosingPlanner.Plan(WeighedYesterday(70m), new DoseOrder(0.75m, null, 0.5m, signed), new Preparation(10m, Bag100), Clinic, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenIbwExactlyEqualToActualWeight_WhenPlanned_ThenActualWeightUsed()
    {
        // 120 cm woman: Devine base 45.5 kg; weighing 45.5 kg gives BMI 31.6.
        var ibw = Clinic with { Dosing = Clinic.Dosing with { WeightBasisWhenObese = WeightBasis.Ideal } };

        var decision = DosingPlanner.Plan(new BodyMeasurements(45.5m, Now, 120m, Now, SexForDosing.Female), new DoseOrder(0.5m), new Preparation(10m, Bag100), ibw, Now);

        Assert.Equal(WeightBasis.Actual, decision.Prepared().Weight.Basis);
        Assert.Contains("not below the actual weight", decision.Findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenNullArguments_WhenPlanning_ThenArgumentNullException()
    {
        var measured = WeighedYesterday(70m);
        var order = new DoseOrder(0.5m);
        var preparation = new Preparation(10m, Bag100);

        Assert.Throws<ArgumentNullException>(() => DosingPlanner.Plan(null!, order, preparation, Clinic, Now));
        Assert.Throws<ArgumentNullException>(() => DosingPlanner.Plan(measured, null!, preparation, Clinic, Now));
        Assert.Throws<ArgumentNullException>(() => DosingPlanner.Plan(measured, order, null!, Clinic, Now));
        Assert.Throws<ArgumentNullException>(() => DosingPlanner.Plan(measured, order, preparation, null!, Now));
        Assert.Throws<ArgumentNullException>(() => BodyWeightRules.Evaluate(null!, Now, Clinic));
        Assert.Throws<ArgumentNullException>(() => BodyWeightRules.Evaluate(measured, Now, null!));
        Assert.Throws<ArgumentNullException>(() => Titration.Evaluate(null!, DosingProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => Titration.Evaluate(order, null!));
        Assert.Throws<ArgumentNullException>(() => Titration.ProposeNextStepMgPerKg(0.5m, null!));
        Assert.Throws<ArgumentNullException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = null! });
        Assert.Throws<ArgumentNullException>(() => DosingProtocol.Default with { FormularyVials = null! });
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenInconsistentMeasurementInputs_WhenRecording_ThenMessagesSayWhy()
    {
        Assert.Contains("needs the instant it was measured", Assert.Throws<ArgumentException>(() => new BodyMeasurements(70m, Now, 170m, null)).Message, StringComparison.Ordinal);
        Assert.Contains("without a height", Assert.Throws<ArgumentException>(() => new BodyMeasurements(70m, Now, null, Now)).Message, StringComparison.Ordinal);
        var sex = Assert.Throws<ArgumentOutOfRangeException>(() => new BodyMeasurements(70m, Now, 170m, Now, (SexForDosing)5));
        Assert.Contains("Unknown sex value", sex.Message, StringComparison.Ordinal);
        Assert.Equal("sex", sex.ParamName);
    }

    [Fact]
    [Trait("Rule", "DOSE-03")]
    public void GivenInvalidProtocolLists_WhenSet_ThenMessagesSayWhy()
    {
        Assert.Contains("at least one step", Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [] }).Message, StringComparison.Ordinal);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [0.5m, 0.4m] }).Message, StringComparison.Ordinal);
        Assert.Contains("at least one vial strength", Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { FormularyVials = [] }).Message, StringComparison.Ordinal);
        Assert.Contains("must be distinct", Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { FormularyVials = [new(10m, 20m), new(10m, 5m)] }).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown weight basis", Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { WeightBasisWhenObese = (WeightBasis)9 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenInconsistentDosingProtocol_WhenValidated_ThenExactProblemsListed()
    {
        var p = DosingProtocol.Default with { MinDoseMgPerKg = 2m, MaxDoseMgPerKg = 1m, MinDurationMin = 100, MaxDurationMin = 40, DefaultDurationMin = 120 };

        Assert.Equal(
            [
                "DOSE-02: MinDoseMgPerKg must not exceed MaxDoseMgPerKg.",
                "DOSE-04: MinDurationMin must not exceed MaxDurationMin.",
                "DOSE-04: DefaultDurationMin must lie within MinDurationMin..MaxDurationMin.",
            ],
            p.Validate());
        var ex = Assert.Throws<InvalidOperationException>(p.EnsureValid);
        Assert.Equal("Invalid dosing protocol: DOSE-02: MinDoseMgPerKg must not exceed MaxDoseMgPerKg. DOSE-04: MinDurationMin must not exceed MaxDurationMin. DOSE-04: DefaultDurationMin must lie within MinDurationMin..MaxDurationMin.", ex.Message);
    }

    [Theory]
    [Trait("Rule", "DOSE-02")]
    [InlineData("MaxDoseMgPerKg", "10.01")]
    [InlineData("MinDoseMgPerKg", "0.009")]
    [InlineData("ObesityBmiThresholdKgPerM2", "60.1")]
    [InlineData("MaxActualWeightKg", "500.1")]
    [InlineData("MinActualWeightKg", "0.9")]
    [InlineData("SyringeStepMl", "1.001")]
    [InlineData("DoseRoundingStepMg", "10.001")]
    [InlineData("RateRoundingStepMlPerHour", "10.01")]
    [InlineData("MaxUndilutedConcentrationMgPerMl", "1000.1")]
    [InlineData("MaxDoseMgPerInfusion", "1000.1")]
    public void GivenDecimalSettingJustOutsideItsRange_WhenSet_ThenRejectedNamingTheProperty(string property, string value)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Action set = property switch
        {
            "MaxDoseMgPerKg" => () => _ = DosingProtocol.Default with { MaxDoseMgPerKg = v },
            "MinDoseMgPerKg" => () => _ = DosingProtocol.Default with { MinDoseMgPerKg = v },
            "ObesityBmiThresholdKgPerM2" => () => _ = DosingProtocol.Default with { ObesityBmiThresholdKgPerM2 = v },
            "MaxActualWeightKg" => () => _ = DosingProtocol.Default with { MaxActualWeightKg = v },
            "MinActualWeightKg" => () => _ = DosingProtocol.Default with { MinActualWeightKg = v },
            "SyringeStepMl" => () => _ = DosingProtocol.Default with { SyringeStepMl = v },
            "DoseRoundingStepMg" => () => _ = DosingProtocol.Default with { DoseRoundingStepMg = v },
            "RateRoundingStepMlPerHour" => () => _ = DosingProtocol.Default with { RateRoundingStepMlPerHour = v },
            "MaxUndilutedConcentrationMgPerMl" => () => _ = DosingProtocol.Default with { MaxUndilutedConcentrationMgPerMl = v },
            "MaxDoseMgPerInfusion" => () => _ = DosingProtocol.Default with { MaxDoseMgPerInfusion = v },
            _ => throw new ArgumentOutOfRangeException(nameof(property)),
        };

        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(set).ParamName);
    }

    [Theory]
    [Trait("Rule", "DOSE-04")]
    [InlineData("DefaultDurationMin", 601)]
    [InlineData("MaxDurationMin", 601)]
    [InlineData("MaxWeightAgeDays", 366)]
    public void GivenIntegerSettingJustAboveItsRange_WhenSet_ThenRejected(string property, int value)
    {
        Action set = property switch
        {
            "DefaultDurationMin" => () => _ = DosingProtocol.Default with { DefaultDurationMin = value },
            "MaxDurationMin" => () => _ = DosingProtocol.Default with { MaxDurationMin = value },
            "MaxWeightAgeDays" => () => _ = DosingProtocol.Default with { MaxWeightAgeDays = value },
            _ => throw new ArgumentOutOfRangeException(nameof(property)),
        };

        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(set).ParamName);
    }
}
