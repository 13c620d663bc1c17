using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>PUMP-02 (drawn volume), PUMP-03 (overfill), PUMP-DIL-01 (dilution), vial counts.</summary>
public sealed class PreparationTests
{
    private static readonly Domain.Protocol.ClinicProtocol RemoveEqualVolume =
        Clinic with { Dosing = Clinic.Dosing with { RemoveEqualVolumeBeforeAdding = true } };

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenDefaultBagAdditive_WhenPlanned_ThenOverfillIgnoredAndDrugVolumeAdded()
    {
        Assert.False(Clinic.Dosing.RemoveEqualVolumeBeforeAdding);
        var plan = Plan(70m, 0.5m, vialMgPerMl: 10m).Prepared();

        Assert.Equal(3.50m, plan.DrawnVolume.Millilitres);
        Assert.Equal(103.50m, plan.FinalVolumeMl);
        Assert.Equal(0m, plan.DiluentRemovedMl);
        Assert.Equal(155.3m, plan.RateMlPerHour); // 155.25 away from zero
    }

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenRemoveEqualVolumeEnabled_WhenPlanned_ThenFinalVolumeIsTheBagVolume()
    {
        var plan = Plan(70m, 0.5m, vialMgPerMl: 10m, protocol: RemoveEqualVolume).Prepared();

        Assert.Equal(3.50m, plan.DiluentRemovedMl);
        Assert.Equal(100.00m, plan.FinalVolumeMl);
        Assert.Equal(0.35m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(150.0m, plan.RateMlPerHour);
        Assert.Equal(100.00m, plan.Unrounded.FinalVolumeMl);
    }

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenRemoveEqualVolumeAndDrugVolumeAboveBag_WhenPlanned_ThenBlock()
    {
        // 250 mg from 10 mg/mL = 25 mL, bag 20 mL.
        var held = Plan(250m, 1.0m, vialMgPerMl: 10m, method: new PreparationMethod.BagAdditive(20m), protocol: RemoveEqualVolume).Held();

        Assert.Contains("25.00 mL exceeds the 20", held.Outstanding.Single("PUMP-03", Enforcement.Block).Message, StringComparison.Ordinal);
        Assert.Null(held.Preview);
    }

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenRemoveEqualVolumeAndDrugVolumeEqualToBag_WhenPlanned_ThenPrepared()
    {
        var plan = Plan(200m, 1.0m, vialMgPerMl: 10m, method: new PreparationMethod.BagAdditive(20m), protocol: RemoveEqualVolume).Prepared();

        Assert.Equal(20.00m, plan.FinalVolumeMl);
        Assert.Equal(20.00m, plan.DiluentRemovedMl);
    }

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenDrugVolumeAboveBagWithoutRemoval_WhenPlanned_ThenFinalIsTheSum() =>
        Assert.Equal(45.00m, Plan(250m, 1.0m, vialMgPerMl: 10m, method: new PreparationMethod.BagAdditive(20m)).Prepared().FinalVolumeMl);

    [Theory]
    [Trait("Rule", "PUMP-02")]
    [InlineData(200, 1)] // 20.00 mL: exactly one 20 mL vial
    [InlineData("200.1", 2)] // 20.01 mL
    [InlineData(70, 1)]
    public void GivenDrawnVolume_WhenChoosingVials_ThenEnough20MlVials(decimal kg, int vials) =>
        Assert.Equal(vials, Plan(kg, 1.0m, vialMgPerMl: 10m, overrides: Override("DOSE-WT-03")).Prepared().VialsRequired);

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenDoseTooSmallToDraw_WhenPlanned_ThenBlockEvenWithDose02Override()
    {
        // 30 kg × 0.01 mg/kg = 0.3 mg; 0.003 mL at 100 mg/mL rounds to 0.00 mL.
        var held = Plan(30m, 0.01m, vialMgPerMl: 100m, overrides: Override("DOSE-02")).Held();

        Assert.Contains("rounds to 0 mL", held.Outstanding.Single("PUMP-02", Enforcement.Block).Message, StringComparison.Ordinal);
        Assert.Null(held.Preview);
    }

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenSmallestDrawableDose_WhenPlanned_ThenOneGraduationDrawn()
    {
        // 30 kg × 0.017 mg/kg = 0.51 mg → 0.5 mg → 0.005 mL → 0.01 mL (away from zero) → 1.0 mg recorded.
        var plan = Plan(30m, 0.017m, vialMgPerMl: 100m, overrides: Override("DOSE-02")).Prepared();

        Assert.Equal(0.01m, plan.DrawnVolume.Millilitres);
        Assert.Equal(1.0m, plan.RecordedDose.Milligrams);
    }

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenExactDraw_WhenPlanned_ThenNoRecordedDoseInfo() =>
        Assert.DoesNotContain(Plan(73.3m, 0.5m, vialMgPerMl: 10m).Findings, f => f.Rule.Value == "PUMP-02");

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void Given100MgPerMlVialAtFixed1MgPerMl_WhenPlanned_ThenDilutedFromTheRoundedDraw()
    {
        var plan = Plan(73.3m, 0.5m, vialMgPerMl: 100m, method: OneMgPerMl).Prepared();

        Assert.Equal(0.37m, plan.DrawnVolume.Millilitres);
        Assert.Equal(37.0m, plan.RecordedDose.Milligrams);
        Assert.Equal(37.00m, plan.FinalVolumeMl);
        Assert.Equal(36.63m, plan.DiluentAddedMl);
        Assert.Equal(55.5m, plan.RateMlPerHour);
        Assert.Equal(1.0000m, plan.FinalConcentrationMgPerMlDisplay);
    }

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void Given100MgPerMlVialUndiluted_WhenPlanned_ThenBlockFromTheLabel()
    {
        var held = Plan(70m, 0.5m, vialMgPerMl: 100m, method: new PreparationMethod.FixedConcentration(100m), overrides: Override("PUMP-DIL-01")).Held();

        var block = held.Outstanding.Single("PUMP-DIL-01", Enforcement.Block);
        Assert.Contains("without dilution", block.Message, StringComparison.Ordinal);
        Assert.Equal(["S4"], block.Sources);
        Assert.Equal(0.35m, held.Preview!.FinalVolumeMl);
        Assert.Empty(held.AppliedOverrides);
    }

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void Given50MgPerMlVialUndiluted_WhenPlanned_ThenPreparedWithNoDiluent()
    {
        var plan = Plan(70m, 0.5m, vialMgPerMl: 50m, method: new PreparationMethod.FixedConcentration(50m)).Prepared();

        Assert.Equal(0.70m, plan.FinalVolumeMl);
        Assert.Equal(0m, plan.DiluentAddedMl);
        Assert.Equal(1.1m, plan.RateMlPerHour); // 1.05 away from zero
    }

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void GivenClinicAllowsUndiluted100_WhenPlanned_ThenPrepared()
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { MaxUndilutedConcentrationMgPerMl = 100m } };

        Assert.IsType<DosingDecision.Prepare>(Plan(70m, 0.5m, vialMgPerMl: 100m, method: new PreparationMethod.FixedConcentration(100m), protocol: protocol));
    }

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void GivenTargetStrongerThanVial_WhenPlanned_ThenBlockAndNoPreview()
    {
        var held = Plan(70m, 0.5m, vialMgPerMl: 10m, method: new PreparationMethod.FixedConcentration(10.01m)).Held();

        Assert.Contains("stronger than the 10 mg/mL vial", held.Outstanding.Single("PUMP-DIL-01", Enforcement.Block).Message, StringComparison.Ordinal);
        Assert.Null(held.Preview);
    }

    [Fact]
    [Trait("Rule", "PUMP-DIL-01")]
    public void GivenTargetEqualToTenMgVial_WhenPlanned_ThenPreparedUndiluted() =>
        Assert.Equal(0m, Plan(70m, 0.5m, vialMgPerMl: 10m, method: new PreparationMethod.FixedConcentration(10m)).Prepared().DiluentAddedMl);

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenFixedConcentrationNotDividingEvenly_WhenPlanned_ThenFinalVolumeRoundedToGraduationAndUnroundedKept()
    {
        var plan = Plan(70m, 0.5m, vialMgPerMl: 10m, method: new PreparationMethod.FixedConcentration(3m)).Prepared();

        Assert.Equal(11.67m, plan.FinalVolumeMl);
        Assert.Equal(35.0m / 3m, plan.Unrounded.FinalVolumeMl);
        Assert.Equal(8.17m, plan.DiluentAddedMl);
        Assert.Equal(2.9991m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(17.5m, plan.RateMlPerHour); // 17.505
    }

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenTwoMgPerMlForFluidRestriction_WhenPlanned_ThenHalfTheVolume()
    {
        var plan = Plan(55m, 0.5m, vialMgPerMl: 10m, method: new PreparationMethod.FixedConcentration(2m)).Prepared();

        Assert.Equal(13.75m, plan.FinalVolumeMl);
        Assert.Equal(20.625m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(20.6m, plan.RateMlPerHour);
    }

    [Fact]
    [Trait("Rule", "PUMP-03")]
    public void GivenImpossiblePreparationInputs_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreparationMethod.BagAdditive(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreparationMethod.BagAdditive(1000.1m));
        Assert.ThrowsAny<ArgumentException>(() => new PreparationMethod.BagAdditive(100m, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreparationMethod.FixedConcentration(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreparationMethod.FixedConcentration(100.1m));
        Assert.ThrowsAny<ArgumentException>(() => new PreparationMethod.FixedConcentration(1m, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preparation(0m, Bag100));
        Assert.Throws<ArgumentNullException>(() => new Preparation(10m, null!));
        Assert.Equal("D5W", new PreparationMethod.BagAdditive(250m, "D5W").Diluent);
        Assert.Equal(1000m, new PreparationMethod.BagAdditive(1000m).DiluentBagVolumeMl);
        Assert.Equal("0.9% NaCl", new PreparationMethod.FixedConcentration(100m).Diluent);
    }
}
