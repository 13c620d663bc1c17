using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Quantities;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>clinical-spec §12 "Dose and pump arithmetic" vectors, exact values.</summary>
public sealed class PumpArithmeticVectorTests
{
    [Fact]
    [Trait("Vector", "TV-20")]
    [Trait("Rule", "DOSE-01")]
    [Trait("Rule", "PUMP-01")]
    [Trait("Rule", "PUMP-02")]
    public void Given70KgAtHalfMgPerKgFrom100MgPerMlInto100MlBag_WhenPlanned_ThenRate150Point5()
    {
        var decision = Plan(70m, 0.5m, vialMgPerMl: 100m, method: Bag100);

        var plan = decision.Prepared();
        Assert.Equal(35.0m, plan.OrderedDoseMg);
        Assert.Equal(0.35m, plan.DrawnVolume.Millilitres);
        Assert.Equal(new LiquidVolume(350), plan.DrawnVolume);
        Assert.Equal(DrugMass.FromMilligrams(35m), plan.RecordedDose);
        Assert.Equal(100.35m, plan.FinalVolumeMl);
        Assert.Equal(0.3488m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(150.525m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(150.5m, plan.RateMlPerHour);
        Assert.Equal(0.875m, plan.DoseRateMgPerMin);
        Assert.Equal(0.75m, plan.DoseRateMgPerKgPerHour);
        Assert.Equal(40, plan.DurationMin);
        Assert.Equal(TimeSpan.FromMinutes(40), plan.Duration);
        Assert.Equal(WeightBasis.Actual, plan.Weight.Basis);
        Assert.Equal(70m, plan.Weight.DosingWeightKg);
        Assert.Equal(1, plan.VialsRequired);
        Assert.Equal(100m, plan.Vial.ConcentrationMgPerMl);
        Assert.Equal(0m, plan.DiluentRemovedMl);
        Assert.Equal(0m, plan.DiluentAddedMl);
        Assert.Equal("test-dosing-1", plan.ProtocolVersion.Value);
        Assert.Equal("test-dosing-1", decision.ProtocolVersion.Value);
        Assert.Empty(decision.Findings);
        Assert.Empty(decision.AppliedOverrides);
    }

    [Fact]
    [Trait("Vector", "TV-21")]
    [Trait("Rule", "DOSE-01")]
    [Trait("Rule", "PUMP-01")]
    public void Given82KgAtHalfMgPerKgAtFixed1MgPerMl_WhenPlanned_Then41MlAt61Point5MlPerHour()
    {
        var plan = Plan(82m, 0.5m, vialMgPerMl: 10m, method: OneMgPerMl).Prepared();

        Assert.Equal(41.0m, plan.OrderedDoseMg);
        Assert.Equal(4.10m, plan.DrawnVolume.Millilitres);
        Assert.Equal(41.0m, plan.RecordedDose.Milligrams);
        Assert.Equal(41.0m, plan.FinalVolumeMl);
        Assert.Equal(36.9m, plan.DiluentAddedMl);
        Assert.Equal(1.0000m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(61.5m, plan.RateMlPerHour);
        Assert.Equal(1.025m, plan.DoseRateMgPerMin);
    }

    [Fact]
    [Trait("Vector", "TV-26")]
    [Trait("Rule", "PUMP-01")]
    public void Given55KgAtHalfMgPerKgAt1MgPerMl_WhenPlanned_ThenRate41Point25RoundsAwayFromZeroTo41Point3()
    {
        var plan = Plan(55m, 0.5m, vialMgPerMl: 10m, method: OneMgPerMl).Prepared();

        Assert.Equal(27.5m, plan.OrderedDoseMg);
        Assert.Equal(27.5m, plan.FinalVolumeMl);
        Assert.Equal(41.25m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(41.3m, plan.RateMlPerHour);
    }

    [Fact]
    [Trait("Vector", "TV-26")]
    [Trait("Rule", "PUMP-01")]
    public void GivenRate41Point25_WhenBankersRoundingWereUsed_ThenItWouldGiveTheWrong41Point2()
    {
        var plan = Plan(55m, 0.5m, vialMgPerMl: 10m, method: OneMgPerMl).Prepared();
        var bankers = Math.Round(plan.Unrounded.RateMlPerHour, 1); // .NET default: MidpointRounding.ToEven

        Assert.Equal(41.2m, bankers);
        Assert.NotEqual(bankers, plan.RateMlPerHour);
    }

    [Fact]
    [Trait("Vector", "TV-74")]
    [Trait("Rule", "PUMP-01")]
    [Trait("Rule", "PUMP-02")]
    public void Given73Point3KgFrom10MgPerMlInto100MlBag_WhenPlanned_ThenDose36Point7NotBankers36Point6()
    {
        var decision = Plan(73.3m, 0.5m, vialMgPerMl: 10m, method: Bag100);

        var plan = decision.Prepared();
        Assert.Equal(36.65m, plan.Unrounded.DoseMg);
        Assert.Equal(36.7m, plan.OrderedDoseMg);
        Assert.Equal(3.67m, plan.Unrounded.DrugVolumeMl);
        Assert.Equal(3.67m, plan.DrawnVolume.Millilitres);
        Assert.Equal(36.7m, plan.RecordedDose.Milligrams);
        Assert.Equal(103.67m, plan.FinalVolumeMl);
        Assert.Equal(0.3540m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(155.505m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(155.5m, plan.RateMlPerHour);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    [Trait("Vector", "TV-74")]
    [Trait("Rule", "PUMP-02")]
    public void GivenDose36Point65_WhenBankersRoundingWereUsed_ThenItWouldGiveTheWrong36Point6()
    {
        var plan = Plan(73.3m, 0.5m, vialMgPerMl: 10m, method: Bag100).Prepared();
        var bankers = Math.Round(plan.Unrounded.DoseMg, 1);

        Assert.Equal(36.6m, bankers);
        Assert.NotEqual(bankers, plan.OrderedDoseMg);
    }

    [Fact]
    [Trait("Vector", "TV-75")]
    [Trait("Rule", "PUMP-02")]
    public void Given73Point3KgFrom100MgPerMl_WhenPlanned_ThenDraw0Point37MlAndRecord37Mg()
    {
        var decision = Plan(73.3m, 0.5m, vialMgPerMl: 100m, method: Bag100);

        var plan = decision.Prepared();
        Assert.Equal(36.7m, plan.OrderedDoseMg);
        Assert.Equal(0.367m, plan.Unrounded.DrugVolumeMl);
        Assert.Equal(0.37m, plan.DrawnVolume.Millilitres);
        Assert.Equal(DrugMass.FromMilligrams(37m), plan.RecordedDose);
        Assert.Equal(100.37m, plan.FinalVolumeMl);
        Assert.Equal(0.3686m, plan.FinalConcentrationMgPerMlDisplay);
        Assert.Equal(150.555m, plan.Unrounded.RateMlPerHour);
        Assert.Equal(150.6m, plan.RateMlPerHour);
        Assert.Equal(0.925m, plan.DoseRateMgPerMin);
        var info = decision.Findings.Single("PUMP-02", Enforcement.Info);
        Assert.Contains("so 37.0 mg is recorded", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Vector", "TV-27")]
    [Trait("Rule", "PUMP-04")]
    public void GivenVialEnteredAs25MgPerMl_WhenPlanned_ThenBlockWithoutOverride()
    {
        var decision = Plan(70m, 0.5m, vialMgPerMl: 25m, method: Bag100, overrides: Override("PUMP-04"));

        var held = decision.Held();
        var block = held.Outstanding.Single("PUMP-04", Enforcement.Block);
        Assert.False(block.OverrideAllowed);
        Assert.Contains("25", block.Message, StringComparison.Ordinal);
        Assert.Contains("{10, 50, 100}", block.Message, StringComparison.Ordinal);
        Assert.Equal(ClinicalAuthority.None, block.Authority);
        Assert.Null(held.Preview);
        Assert.Empty(held.AppliedOverrides);
        Assert.Equal("test-dosing-1", held.ProtocolVersion.Value);
    }

    [Theory]
    [Trait("Rule", "PUMP-04")]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(100)]
    public void GivenEachDefaultFormularyStrength_WhenPlanned_ThenPrepared(int strength) =>
        Assert.IsType<DosingDecision.Prepare>(Plan(70m, 0.5m, vialMgPerMl: strength));

    [Theory]
    [Trait("Rule", "PUMP-04")]
    [InlineData("9.99")]
    [InlineData("10.01")]
    [InlineData("99.9")]
    [InlineData(1)]
    public void GivenStrengthJustOffTheFormulary_WhenPlanned_ThenPump04Block(decimal strength) =>
        Plan(70m, 0.5m, vialMgPerMl: strength).Held().Outstanding.Single("PUMP-04", Enforcement.Block);

    [Fact]
    [Trait("Rule", "PUMP-04")]
    public void GivenClinicFormularyWith25MgPerMl_WhenPlanned_Then25IsAccepted()
    {
        var protocol = Clinic with { Dosing = Clinic.Dosing with { FormularyVials = [new(25m, 10m)] } };

        var plan = Plan(70m, 0.5m, vialMgPerMl: 25m, protocol: protocol).Prepared();

        Assert.Equal(1.40m, plan.DrawnVolume.Millilitres);
        Assert.Equal(10m, plan.Vial.VolumeMl);
    }
}
