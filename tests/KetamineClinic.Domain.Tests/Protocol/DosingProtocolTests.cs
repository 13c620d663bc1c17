using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Protocol;

public sealed class DosingProtocolTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Rule", "DOSE-02")]
    [Trait("Rule", "DOSE-03")]
    [Trait("Rule", "DOSE-04")]
    [Trait("Rule", "DOSE-WT-01")]
    [Trait("Rule", "DOSE-WT-02")]
    [Trait("Rule", "DOSE-WT-03")]
    [Trait("Rule", "PUMP-02")]
    [Trait("Rule", "PUMP-03")]
    [Trait("Rule", "PUMP-04")]
    public void GivenShippedDefaults_WhenRead_ThenTheyAreTheSpecsDefaults()
    {
        var p = ClinicProtocol.Default.Dosing;

        Assert.Same(DosingProtocol.Default, p);
        Assert.Equal(WeightBasis.Actual, p.WeightBasisWhenObese);
        Assert.Equal(30m, p.ObesityBmiThresholdKgPerM2);
        Assert.Equal(30, p.MaxWeightAgeDays);
        Assert.Equal(30m, p.MinActualWeightKg);
        Assert.Equal(250m, p.MaxActualWeightKg);
        Assert.Equal(0.1m, p.MinDoseMgPerKg);
        Assert.Equal(1.0m, p.MaxDoseMgPerKg);
        Assert.Null(p.MaxDoseMgPerInfusion);
        Assert.Equal([0.5m, 0.75m, 1.0m], p.TitrationStepsMgPerKg);
        Assert.Equal(40, p.DefaultDurationMin);
        Assert.Equal(40, p.MinDurationMin);
        Assert.Equal(100, p.MaxDurationMin);
        Assert.Equal([(10m, 20m), (50m, 10m), (100m, 5m)], p.FormularyVials.Select(v => (v.ConcentrationMgPerMl, v.VolumeMl)));
        Assert.Equal(0.1m, p.DoseRoundingStepMg);
        Assert.Equal(0.01m, p.SyringeStepMl);
        Assert.Equal(0.1m, p.RateRoundingStepMlPerHour);
        Assert.False(p.RemoveEqualVolumeBeforeAdding);
        Assert.Equal(50m, p.MaxUndilutedConcentrationMgPerMl);
        Assert.Empty(p.Validate());
        p.EnsureValid();
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-03")]
    public void GivenWeightLimitsReversed_WhenValidated_ThenProblemAndPlannerRefuses()
    {
        var p = DosingProtocol.Default with { MinActualWeightKg = 250m, MaxActualWeightKg = 30m };
        var clinic = ClinicProtocol.Default with { Dosing = p };

        Assert.Equal("DOSE-WT-03: MinActualWeightKg must be below MaxActualWeightKg.", Assert.Single(p.Validate()));
        var ex = Assert.Throws<InvalidOperationException>(() => DosingPlanner.Plan(
            new BodyMeasurements(70m, Now), new DoseOrder(0.5m), new Preparation(10m, new PreparationMethod.BagAdditive(100m)), clinic, Now));
        Assert.Contains("DOSE-WT-03", ex.Message, StringComparison.Ordinal);
        Assert.Single((DosingProtocol.Default with { MinActualWeightKg = 100m, MaxActualWeightKg = 100m }).Validate());
    }

    [Theory]
    [Trait("Rule", "DOSE-02")]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.01", "1.0", 1)]
    public void GivenDoseLimits_WhenValidated_ThenMinMayEqualButNotExceedMax(decimal min, decimal max, int problems) =>
        Assert.Equal(problems, (DosingProtocol.Default with { MinDoseMgPerKg = min, MaxDoseMgPerKg = max }).Validate().Count);

    [Theory]
    [Trait("Rule", "DOSE-04")]
    [InlineData(40, 40, 40, 0)]
    [InlineData(60, 40, 100, 0)]
    [InlineData(39, 40, 100, 1)]
    [InlineData(101, 40, 100, 1)]
    [InlineData(50, 60, 50, 2)]
    public void GivenDurationSettings_WhenValidated_ThenDefaultMustLieWithinLimits(int defaultMin, int min, int max, int problems) =>
        Assert.Equal(problems, (DosingProtocol.Default with { DefaultDurationMin = defaultMin, MinDurationMin = min, MaxDurationMin = max }).Validate().Count);

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenGraduationThatMakesFractionalMicrograms_WhenValidated_ThenProblem()
    {
        var p = DosingProtocol.Default with { SyringeStepMl = 0.001m, FormularyVials = [new(0.5m, 10m), new(10m, 20m)] };

        var problem = Assert.Single(p.Validate());
        Assert.Contains("0.5 mg/mL", problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(p.EnsureValid);
    }

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenStepsFinerThanMicrogramsOrMicrolitres_WhenValidated_ThenProblems()
    {
        Assert.Contains("DoseRoundingStepMg", Assert.Single((DosingProtocol.Default with { DoseRoundingStepMg = 0.0015m }).Validate()), StringComparison.Ordinal);
        Assert.Contains((DosingProtocol.Default with { SyringeStepMl = 0.0015m }).Validate(), p => p.Contains("SyringeStepMl", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "DOSE-03")]
    public void GivenTitrationLadderNotIncreasingOrEmpty_WhenSet_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [0.5m, 0.5m] });
        Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [0.75m, 0.5m] });
        Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [] });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { TitrationStepsMgPerKg = [0m, 0.5m] });
        Assert.Equal([0.5m], (DosingProtocol.Default with { TitrationStepsMgPerKg = [0.5m] }).TitrationStepsMgPerKg);
    }

    [Fact]
    [Trait("Rule", "PUMP-04")]
    public void GivenFormularyEmptyOrDuplicated_WhenSet_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { FormularyVials = [] });
        Assert.Throws<ArgumentException>(() => DosingProtocol.Default with { FormularyVials = [new(10m, 20m), new(10m, 10m)] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FormularyVial(0m, 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FormularyVial(10m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FormularyVial(1000.1m, 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FormularyVial(10m, 1000.1m));
        Assert.Equal("100 mg/mL × 5 mL", new FormularyVial(100m, 5m).ToString());
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenSettingsOutOfRange_WhenSet_ThenRejectedNamingTheProperty()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { MaxWeightAgeDays = 0 });
        Assert.Equal("MaxWeightAgeDays", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { MaxWeightAgeDays = 366 });
        Assert.Equal(365, (DosingProtocol.Default with { MaxWeightAgeDays = 365 }).MaxWeightAgeDays);
        Assert.Equal(1, (DosingProtocol.Default with { MaxWeightAgeDays = 1 }).MaxWeightAgeDays);
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { ObesityBmiThresholdKgPerM2 = 17.9m });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { MaxDoseMgPerInfusion = 0m });
        Assert.Null((DosingProtocol.Default with { MaxDoseMgPerInfusion = null }).MaxDoseMgPerInfusion);
        Assert.Equal(0.1m, (DosingProtocol.Default with { MaxDoseMgPerInfusion = 0.1m }).MaxDoseMgPerInfusion);
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { SyringeStepMl = 0m });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { RateRoundingStepMlPerHour = 0m });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { MinDurationMin = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { MaxUndilutedConcentrationMgPerMl = 0.5m });
        Assert.Throws<ArgumentOutOfRangeException>(() => DosingProtocol.Default with { WeightBasisWhenObese = (WeightBasis)7 });
    }
}
