using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>DOSE-02 (mg/kg range and mg cap) and DOSE-04 (duration).</summary>
public sealed class DoseOrderRulesTests
{
    [Fact]
    [Trait("Vector", "TV-25")]
    [Trait("Rule", "DOSE-02")]
    public void GivenOrder1Point25MgPerKg_WhenPlanned_ThenHardStopNeedingPhysicianOverride()
    {
        var held = Plan(70m, 1.25m).Held();

        var stop = Assert.Single(held.Outstanding);
        Assert.Equal("DOSE-02", stop.Rule.Value);
        Assert.Equal(Enforcement.HardStop, stop.Level);
        Assert.Equal(ClinicalAuthority.Physician, stop.Authority);
        Assert.Contains("1.25 mg/kg", stop.Message, StringComparison.Ordinal);
        Assert.Contains("0.1–1.0", stop.Message, StringComparison.Ordinal);
        Assert.Equal(["S7", "S34", "C"], stop.Sources);
        Assert.Equal(87.5m, held.Preview!.OrderedDoseMg);
    }

    [Fact]
    [Trait("Vector", "TV-25")]
    [Trait("Rule", "DOSE-02")]
    public void GivenOrder1Point25MgPerKgWithOverride_WhenPlanned_ThenPreparedWithOverrideForTheDetectedIssue()
    {
        var decision = Plan(70m, 1.25m, overrides: Override("DOSE-02"));

        Assert.Equal(87.5m, decision.Prepared().OrderedDoseMg);
        Assert.Equal("DOSE-02", Assert.Single(decision.AppliedOverrides).Rule.Value);
        Assert.Equal(Enforcement.HardStop, Assert.Single(decision.Findings).Level);
    }

    [Fact]
    [Trait("Vector", "TV-76")]
    [Trait("Rule", "DOSE-02")]
    public void GivenOrder0Point05MgPerKg_WhenPlanned_ThenHardStopBelowFloor()
    {
        var held = Plan(70m, 0.05m).Held();

        var stop = held.Outstanding.Single("DOSE-02", Enforcement.HardStop);
        Assert.True(stop.OverrideAllowed);
        Assert.Contains("0.05 mg/kg", stop.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Vector", "TV-76")]
    [Trait("Rule", "DOSE-02")]
    public void GivenOrder0Point05MgPerKgWithOverride_WhenPlanned_ThenPrepared()
    {
        var decision = Plan(70m, 0.05m, overrides: Override("DOSE-02"));

        Assert.Equal(3.5m, decision.Prepared().OrderedDoseMg);
        Assert.Single(decision.AppliedOverrides);
    }

    [Theory]
    [Trait("Rule", "DOSE-02")]
    [InlineData("0.09", true)]
    [InlineData("0.1", false)]
    [InlineData("0.5", false)]
    [InlineData("1.0", false)]
    [InlineData("1.01", true)]
    public void GivenDosePerKgEitherSideOfTheLimits_WhenPlanned_ThenHardStopOnlyOutside(decimal mgPerKg, bool stopped)
    {
        var decision = Plan(70m, mgPerKg);

        Assert.Equal(stopped, decision.Findings.Any(f => f.Rule.Value == "DOSE-02"));
        Assert.Equal(stopped, decision is DosingDecision.DoNotPrepare);
    }

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenOverrideForAnotherRule_WhenDoseOutOfRange_ThenStillHeldAndOverrideNotCarried()
    {
        var held = Plan(70m, 1.25m, overrides: Override("DOSE-04")).Held();

        held.Outstanding.Single("DOSE-02", Enforcement.HardStop);
        Assert.Empty(held.AppliedOverrides);
    }

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenNoCapByDefault_When250KgAt1MgPerKg_ThenPrepared250Mg()
    {
        Assert.Null(Clinic.Dosing.MaxDoseMgPerInfusion);
        Assert.Equal(250.0m, Plan(250m, 1.0m).Prepared().RecordedDose.Milligrams);
    }

    [Theory]
    [Trait("Rule", "DOSE-02")]
    [InlineData(100, "0.5", false)] // 50.0 mg: exactly the cap passes
    [InlineData("100.2", "0.5", true)] // 50.1 mg
    [InlineData(70, "0.75", true)] // 52.5 mg
    public void GivenClinicCapOf50Mg_WhenPlanned_ThenHardStopOnlyAboveCap(decimal kg, decimal mgPerKg, bool stopped)
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MaxDoseMgPerInfusion = 50m } };

        var decision = Plan(kg, mgPerKg, protocol: protocol);

        Assert.Equal(stopped, decision.Findings.Any(f => f.Rule.Value == "DOSE-02" && f.Level == Enforcement.HardStop && f.Message.Contains("cap of 50", StringComparison.Ordinal)));
        Assert.Equal(stopped, decision is DosingDecision.DoNotPrepare);
    }

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenCapBetweenOrderedAndRecordedDose_WhenDrawnVolumeRoundsUp_ThenRecordedDoseTriggersHardStop()
    {
        // TV-75: 36.7 mg ordered, 37.0 mg drawn from 100 mg/mL.
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MaxDoseMgPerInfusion = 36.8m } };

        var held = Plan(73.3m, 0.5m, vialMgPerMl: 100m, protocol: protocol).Held();

        Assert.Contains("37.0 mg exceeds", held.Outstanding.Single("DOSE-02", Enforcement.HardStop).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenCapAndRangeBothExceeded_WhenOneDose02Override_ThenBothCleared()
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MaxDoseMgPerInfusion = 50m } };

        var decision = Plan(70m, 1.25m, protocol: protocol, overrides: Override("DOSE-02"));

        Assert.Equal(2, decision.Findings.Count(f => f.Rule.Value == "DOSE-02"));
        Assert.IsType<DosingDecision.Prepare>(decision);
        Assert.Single(decision.AppliedOverrides);
    }

    [Fact]
    [Trait("Rule", "DOSE-04")]
    public void GivenNoDurationOnOrder_WhenPlanned_ThenDefault40Minutes() =>
        Assert.Equal(40, Plan(70m, 0.5m).Prepared().DurationMin);

    [Theory]
    [Trait("Rule", "DOSE-04")]
    [InlineData(39, true)]
    [InlineData(40, false)]
    [InlineData(60, false)]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void GivenDurationEitherSideOfTheLimits_WhenPlanned_ThenHardStopOnlyOutside40To100(int minutes, bool stopped)
    {
        var decision = Plan(70m, 0.5m, durationMin: minutes);

        Assert.Equal(stopped, decision.Findings.Any(f => f.Rule.Value == "DOSE-04" && f.Level == Enforcement.HardStop && f.Authority == ClinicalAuthority.Physician));
        Assert.Equal(stopped, decision is DosingDecision.DoNotPrepare);
    }

    [Fact]
    [Trait("Rule", "DOSE-04")]
    public void GivenDuration30MinWithOverride_WhenPlanned_ThenPreparedAtFasterRate()
    {
        var decision = Plan(70m, 0.5m, vialMgPerMl: 100m, durationMin: 30, overrides: Override("DOSE-04"));

        var plan = decision.Prepared();
        Assert.Equal(30, plan.DurationMin);
        Assert.Equal(200.7m, plan.RateMlPerHour); // 100.35 × 2
        Assert.Equal(1m, plan.DoseRateMgPerKgPerHour);
        Assert.Contains("30 min", decision.Findings.Single("DOSE-04", Enforcement.HardStop).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DOSE-04")]
    public void Given100MinuteInfusion_WhenPlanned_ThenSlowRate()
    {
        var plan = Plan(70m, 0.5m, vialMgPerMl: 100m, durationMin: 100).Prepared();

        Assert.Equal(60.21m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(60.2m, plan.RateMlPerHour);
        Assert.Equal(0.35m, plan.DoseRateMgPerMin);
        Assert.Equal(0.3m, plan.DoseRateMgPerKgPerHour);
    }

    [Theory]
    [Trait("Rule", "DOSE-02")]
    [InlineData(0)]
    [InlineData("-0.5")]
    [InlineData("100.1")]
    public void GivenImpossibleDosePerKg_WhenOrdering_ThenInputRejected(decimal mgPerKg) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoseOrder(mgPerKg));

    [Theory]
    [Trait("Rule", "DOSE-04")]
    [InlineData(0)]
    [InlineData(1441)]
    public void GivenImpossibleDuration_WhenOrdering_ThenInputRejected(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoseOrder(0.5m, minutes));

    [Fact]
    [Trait("Rule", "DOSE-02")]
    public void GivenBlankOverrideReasonOrPhysician_WhenCreating_ThenRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new PhysicianOverride(new RuleId("DOSE-02"), "dr.synthetic", " "));
        Assert.ThrowsAny<ArgumentException>(() => new PhysicianOverride(new RuleId("DOSE-02"), "", "reason"));
        Assert.ThrowsAny<ArgumentException>(() => new PhysicianOverride(default, "dr.synthetic", "reason"));
    }
}
