using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

public sealed class BodyWeightRulesTests
{
    private static readonly DateTimeOffset MeasuredAt = Now.AddDays(-2);

    private static ClinicProtocol WhenObese(WeightBasis basis) =>
        Clinic with { Dosing = Clinic.Dosing with { WeightBasisWhenObese = basis } };

    private static BodyMeasurements Measured(decimal kg, decimal? heightCm, SexForDosing? sex) =>
        new(kg, MeasuredAt, heightCm, heightCm is null ? null : MeasuredAt.AddDays(-100), sex);

    private static DosingDecision PlanFor(BodyMeasurements measured, ClinicProtocol protocol, decimal mgPerKg = 0.5m) =>
        DosingPlanner.Plan(measured, new DoseOrder(mgPerKg), new Preparation(10m, Bag100), protocol, Now);

    [Fact]
    [Trait("Vector", "TV-23")]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenMale177Point8CmAnd120Kg_WhenComputingWeights_ThenIbw73AndAdjBw91Point8()
    {
        Assert.Equal(73.0m, BodyWeightRules.IdealBodyWeightKg(177.8m, SexForDosing.Male));
        Assert.Equal(91.8m, BodyWeightRules.AdjustedBodyWeightKg(73.0m, 120m));
    }

    [Theory]
    [Trait("Vector", "TV-23")]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData(WeightBasis.Actual, "120.0", "60.0")]
    [InlineData(WeightBasis.Ideal, "73.0", "36.5")]
    [InlineData(WeightBasis.Adjusted, "91.8", "45.9")]
    public void GivenObeseMaleAtHalfMgPerKg_WhenProtocolChoosesBasis_ThenDoseFollowsThatBasis(WeightBasis basis, decimal dosingKg, decimal doseMg)
    {
        var measured = Measured(120m, 177.8m, SexForDosing.Male);

        var plan = PlanFor(measured, WhenObese(basis)).Prepared();

        Assert.Equal(basis, plan.Weight.Basis);
        Assert.Equal(dosingKg, plan.Weight.DosingWeightKg);
        Assert.Equal(doseMg, plan.OrderedDoseMg);
        Assert.Equal(120m, plan.Weight.ActualWeightKg);
        Assert.Equal(MeasuredAt, plan.Weight.WeightMeasuredAt);
        Assert.Equal(177.8m, plan.Weight.HeightCm);
        Assert.Equal(MeasuredAt.AddDays(-100), plan.Weight.HeightMeasuredAt);
        Assert.Equal(38.0m, plan.Weight.BmiKgPerM2);
        Assert.Equal(73.0m, plan.Weight.IdealWeightKg);
        Assert.Equal(91.8m, plan.Weight.AdjustedWeightKg);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenAdjustedBasisChosen_WhenObese_ThenInfoFindingNamesBasisAndWeight()
    {
        var decision = PlanFor(Measured(120m, 177.8m, SexForDosing.Male), WhenObese(WeightBasis.Adjusted));

        var info = decision.Findings.Single("DOSE-WT-01", Enforcement.Info);
        Assert.Contains("Adjusted", info.Message, StringComparison.Ordinal);
        Assert.Contains("91.8", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenFemale165Point1Cm_WhenComputingIbw_Then57Kg() =>
        Assert.Equal(57.0m, BodyWeightRules.IdealBodyWeightKg(165.1m, SexForDosing.Female));

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData(SexForDosing.Male, "50.0")]
    [InlineData(SexForDosing.Female, "45.5")]
    public void GivenHeightUnderFiveFeet_WhenComputingIbw_ThenDevineBaseWithNothingSubtracted(SexForDosing sex, decimal expected)
    {
        Assert.Equal(expected, BodyWeightRules.IdealBodyWeightKg(140m, sex));
        Assert.Equal(expected, BodyWeightRules.IdealBodyWeightKg(152.4m, sex));
        Assert.Equal(expected + 2.3m, BodyWeightRules.IdealBodyWeightKg(154.94m, sex));
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenShortObeseWomanOnIbwProtocol_WhenPlanned_ThenBaseIbwAndUnderFiveFeetInfo()
    {
        var decision = PlanFor(Measured(80m, 150m, SexForDosing.Female), WhenObese(WeightBasis.Ideal));

        var plan = decision.Prepared();
        Assert.Equal(WeightBasis.Ideal, plan.Weight.Basis);
        Assert.Equal(45.5m, plan.Weight.DosingWeightKg);
        Assert.Equal(35.6m, plan.Weight.BmiKgPerM2);
        var underFiveFeet = Assert.Single(decision.Findings, f => f.Rule.Value == "DOSE-WT-01" && f.Level == Enforcement.Info && f.Message.Contains("under 5 ft", StringComparison.Ordinal));
        Assert.Equal(["S16", "C"], underFiveFeet.Sources);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenExactlyFiveFeet_WhenPlannedOnIbw_ThenNoUnderFiveFeetInfo()
    {
        var decision = PlanFor(Measured(80m, 152.4m, SexForDosing.Female), WhenObese(WeightBasis.Ideal));

        Assert.DoesNotContain(decision.Findings, f => f.Message.Contains("under 5 ft", StringComparison.Ordinal));
        Assert.Equal(45.5m, decision.Prepared().Weight.DosingWeightKg);
    }

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData("86.55", "29.9", WeightBasis.Actual, "86.55")]
    [InlineData("86.56", "30.0", WeightBasis.Ideal, "61.4")]
    public void GivenBmiEitherSideOf30_WhenIbwProtocol_ThenAlternativeBasisOnlyFrom30(decimal kg, decimal bmi, WeightBasis expected, decimal dosingKg)
    {
        var plan = PlanFor(Measured(kg, 170m, SexForDosing.Female), WhenObese(WeightBasis.Ideal)).Prepared();

        Assert.Equal(bmi, plan.Weight.BmiKgPerM2);
        Assert.Equal(expected, plan.Weight.Basis);
        Assert.Equal(dosingKg, plan.Weight.DosingWeightKg);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenDefaultProtocol_WhenObese_ThenActualWeightAndNoInfo()
    {
        var decision = PlanFor(Measured(120m, 177.8m, SexForDosing.Male), Clinic);

        Assert.Equal(WeightBasis.Actual, decision.Prepared().Weight.Basis);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenDefaultProtocolAndNoHeight_WhenPlanned_ThenActualWeightWithoutBmi()
    {
        var plan = PlanFor(Measured(70m, null, null), Clinic).Prepared();

        Assert.Equal(WeightBasis.Actual, plan.Weight.Basis);
        Assert.Null(plan.Weight.BmiKgPerM2);
        Assert.Null(plan.Weight.IdealWeightKg);
        Assert.Null(plan.Weight.AdjustedWeightKg);
        Assert.Null(plan.Weight.HeightCm);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenIbwProtocolAndNoHeight_WhenPlanned_ThenBlockAskingForHeight()
    {
        var held = PlanFor(Measured(120m, null, null), WhenObese(WeightBasis.Ideal)).Held();

        var block = held.Outstanding.Single("DOSE-WT-01", Enforcement.Block);
        Assert.Contains("height", block.Message, StringComparison.Ordinal);
        Assert.Null(held.Preview);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenAdjustedProtocolObeseAndNoSex_WhenPlanned_ThenBlockAskingForSex()
    {
        var held = PlanFor(Measured(120m, 177.8m, null), WhenObese(WeightBasis.Adjusted)).Held();

        var block = held.Outstanding.Single("DOSE-WT-01", Enforcement.Block);
        Assert.Contains("sex", block.Message, StringComparison.Ordinal);
        Assert.Null(held.Preview);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenIbwProtocolNotObeseAndNoSex_WhenPlanned_ThenActualWeight() =>
        Assert.Equal(WeightBasis.Actual, PlanFor(Measured(70m, 177.8m, null), WhenObese(WeightBasis.Ideal)).Prepared().Weight.Basis);

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData(WeightBasis.Ideal)]
    [InlineData(WeightBasis.Adjusted)]
    public void GivenAlternativeWeightNotBelowActual_WhenPlanned_ThenActualWeightWithInfo(WeightBasis basis)
    {
        // 120 cm, 44 kg: BMI 30.6; Devine IBW 45.5 kg is above the actual weight.
        var decision = PlanFor(Measured(44m, 120m, SexForDosing.Female), WhenObese(basis));

        var plan = decision.Prepared();
        Assert.Equal(WeightBasis.Actual, plan.Weight.Basis);
        Assert.Equal(44m, plan.Weight.DosingWeightKg);
        var info = decision.Findings.Single("DOSE-WT-01", Enforcement.Info);
        Assert.Contains("not below the actual weight", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenBmiThresholdRaisedTo40_WhenBmi38_ThenActualWeight()
    {
        var protocol = WhenObese(WeightBasis.Ideal);
        protocol = protocol with { Dosing = protocol.Dosing with { ObesityBmiThresholdKgPerM2 = 40m } };

        Assert.Equal(WeightBasis.Actual, PlanFor(Measured(120m, 177.8m, SexForDosing.Male), protocol).Prepared().Weight.Basis);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenWeightExactly30DaysOld_WhenPlanned_ThenNoBlock()
    {
        var decision = DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddDays(-30)), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now);

        Assert.IsType<DosingDecision.Prepare>(decision);
        Assert.Equal(Now.AddDays(-30), decision.Prepared().Weight.WeightMeasuredAt);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenWeight30DaysAndOneSecondOld_WhenPlanned_ThenBlockThatNoOverrideClears()
    {
        var decision = DosingPlanner.Plan(
            new BodyMeasurements(70m, Now.AddDays(-30).AddSeconds(-1)), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now,
            [Override("DOSE-WT-02")]);

        var held = decision.Held();
        var block = held.Outstanding.Single("DOSE-WT-02", Enforcement.Block);
        Assert.Contains("30 days", block.Message, StringComparison.Ordinal);
        Assert.Empty(held.AppliedOverrides);
        Assert.NotNull(held.Preview);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenClinicAllows7Days_WhenWeight8DaysOld_ThenBlock()
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MaxWeightAgeDays = 7 } };

        DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddDays(-8)), new DoseOrder(0.5m), new Preparation(10m, Bag100), protocol, Now)
            .Held().Outstanding.Single("DOSE-WT-02", Enforcement.Block);
        Assert.IsType<DosingDecision.Prepare>(
            DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddDays(-7)), new DoseOrder(0.5m), new Preparation(10m, Bag100), protocol, Now));
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenWeightDatedAfterTheDecision_WhenPlanned_ThenBlock()
    {
        var held = DosingPlanner.Plan(new BodyMeasurements(70m, Now.AddMinutes(1)), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now).Held();

        Assert.Contains("after this dosing decision", held.Outstanding.Single("DOSE-WT-02", Enforcement.Block).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-02")]
    public void GivenWeightMeasuredAtTheDecisionInstant_WhenPlanned_ThenNoBlock() =>
        Assert.IsType<DosingDecision.Prepare>(
            DosingPlanner.Plan(new BodyMeasurements(70m, Now), new DoseOrder(0.5m), new Preparation(10m, Bag100), Clinic, Now));

    [Fact]
    [Trait("Vector", "TV-77")]
    [Trait("Rule", "DOSE-WT-03")]
    public void GivenRecordedWeight25Kg_WhenPlanned_ThenHardStopForPhysician()
    {
        var held = Plan(25m, 0.5m).Held();

        var stop = held.Outstanding.Single("DOSE-WT-03", Enforcement.HardStop);
        Assert.Equal(ClinicalAuthority.Physician, stop.Authority);
        Assert.True(stop.OverrideAllowed);
        Assert.Contains("25", stop.Message, StringComparison.Ordinal);
        Assert.Equal(12.5m, held.Preview!.OrderedDoseMg);
    }

    [Fact]
    [Trait("Vector", "TV-77")]
    [Trait("Rule", "DOSE-WT-03")]
    public void GivenRecordedWeight25KgAndPhysicianOverride_WhenPlanned_ThenPreparedAndOverrideCarried()
    {
        var decision = Plan(25m, 0.5m, overrides: Override("DOSE-WT-03"));

        var plan = decision.Prepared();
        Assert.Equal(12.5m, plan.OrderedDoseMg);
        var applied = Assert.Single(decision.AppliedOverrides);
        Assert.Equal("DOSE-WT-03", applied.Rule.Value);
        Assert.Equal("dr.synthetic", applied.Physician);
        Assert.Equal("Synthetic reason for a test", applied.Reason);
        decision.Findings.Single("DOSE-WT-03", Enforcement.HardStop);
    }

    [Theory]
    [Trait("Vector", "TV-77")]
    [Trait("Rule", "DOSE-WT-03")]
    [InlineData("29.9", true)]
    [InlineData(30, false)]
    [InlineData(250, false)]
    [InlineData("250.1", true)]
    public void GivenWeightAtEitherSideOfTheSanityLimits_WhenPlanned_ThenHardStopOnlyOutside30To250(decimal kg, bool stopped)
    {
        var decision = Plan(kg, 0.5m);

        Assert.Equal(stopped, decision.Findings.Any(f => f.Rule.Value == "DOSE-WT-03" && f.Level == Enforcement.HardStop));
        Assert.Equal(stopped, decision is DosingDecision.DoNotPrepare);
    }

    [Theory]
    [Trait("Rule", "DOSE-WT-03")]
    [InlineData("39.9", true)]
    [InlineData(40, false)]
    [InlineData(150, false)]
    [InlineData("150.1", true)]
    public void GivenClinicLimits40To150_WhenPlanned_ThenHardStopOnlyOutside(decimal kg, bool stopped)
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MinActualWeightKg = 40m, MaxActualWeightKg = 150m } };

        Assert.Equal(stopped, Plan(kg, 0.5m, protocol: protocol) is DosingDecision.DoNotPrepare);
    }

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData("1000.1")]
    public void GivenImpossibleWeight_WhenRecording_ThenInputRejected(decimal kg) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BodyMeasurements(kg, Now));

    [Theory]
    [Trait("Rule", "DOSE-WT-01")]
    [InlineData("49.9")]
    [InlineData("300.1")]
    public void GivenImpossibleHeight_WhenRecording_ThenInputRejected(decimal cm) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BodyMeasurements(70m, Now, cm, Now));

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenHeightWithoutItsDateOrDateWithoutHeight_WhenRecording_ThenInputRejected()
    {
        Assert.Throws<ArgumentException>(() => new BodyMeasurements(70m, Now, 170m, null));
        Assert.Throws<ArgumentException>(() => new BodyMeasurements(70m, Now, null, Now));
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenHeightLimits_WhenRecording_Then50And300Accepted()
    {
        Assert.Equal(50m, new BodyMeasurements(70m, Now, 50m, Now).HeightCm);
        Assert.Equal(300m, new BodyMeasurements(70m, Now, 300m, Now, SexForDosing.Male).HeightCm);
        Assert.Equal(1000m, new BodyMeasurements(1000m, Now).WeightKg);
    }

    [Fact]
    [Trait("Rule", "DOSE-WT-01")]
    public void GivenBmiInputs_WhenComputing_ThenKgPerSquareMetre()
    {
        Assert.Equal(25m, BodyWeightRules.BmiKgPerM2(64m, 160m));
        Assert.Throws<ArgumentOutOfRangeException>(() => BodyWeightRules.BmiKgPerM2(64m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => BodyWeightRules.IdealBodyWeightKg(0m, SexForDosing.Male));
    }
}
