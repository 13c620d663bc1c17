using CsCheck;
using KetamineClinic.Domain.Infusions;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>Invariants of the pump arithmetic (PUMP-01, PUMP-02) over generated orders.</summary>
public sealed class PumpPropertyTests
{
    private static readonly Gen<decimal> WeightKg = Gen.Int[300, 2500].Select(tenths => tenths / 10m);
    private static readonly Gen<decimal> DoseMgPerKg = Gen.Int[10, 100].Select(hundredths => hundredths / 100m);
    private static readonly Gen<decimal> VialStrength = Gen.OneOf(10m, 50m, 100m);
    private static readonly Gen<PreparationMethod> Method = Gen.OneOf<PreparationMethod>(
        new PreparationMethod.BagAdditive(100m),
        new PreparationMethod.BagAdditive(250m),
        new PreparationMethod.FixedConcentration(1m),
        new PreparationMethod.FixedConcentration(2m));

    [Fact]
    [Trait("Rule", "PUMP-01")]
    public void GivenAnyValueAndStep_WhenRoundedTwice_ThenSecondRoundingChangesNothing() =>
        Gen.Select(Gen.Int[-10_000_000, 10_000_000], Gen.Int[0, 6], Gen.OneOf(0.1m, 0.01m, 0.001m, 0.5m, 0.25m))
            .Sample((units, scale, step) =>
            {
                var value = new decimal(Math.Abs(units), 0, 0, units < 0, (byte)scale);
                var once = PumpRounding.ToStep(value, step);
                Assert.Equal(once, PumpRounding.ToStep(once, step));
                Assert.True(Math.Abs(once - value) <= step / 2m);
            });

    [Fact]
    [Trait("Rule", "PUMP-01")]
    public void GivenNegativeMidpoint_WhenRounded_ThenAwayFromZero()
    {
        Assert.Equal(-41.3m, PumpRounding.ToStep(-41.25m, 0.1m));
        Assert.Equal(41.3m, PumpRounding.ToStep(41.25m, 0.1m));
        Assert.Equal(41.2m, PumpRounding.ToStep(41.24m, 0.1m));
        Assert.Equal(0.3540m, PumpRounding.ToPlaces(0.35400887m, 4));
        Assert.Equal(0.0001m, PumpRounding.ToPlaces(0.00005m, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PumpRounding.ToStep(1m, 0m));
    }

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenAnyOrder_WhenPlanned_ThenRecordedDoseIsExactlyDrawnVolumeTimesStrength() =>
        Gen.Select(WeightKg, DoseMgPerKg, VialStrength, Method).Sample((kg, mgPerKg, strength, method) =>
        {
            var plan = Plan(kg, mgPerKg, strength, method).Prepared();
            Assert.Equal(plan.DrawnVolume.Millilitres * strength, plan.RecordedDose.Milligrams);
            Assert.Equal(plan.DrawnVolume.Microlitres * strength, plan.RecordedDose.Micrograms);
        });

    [Fact]
    [Trait("Rule", "PUMP-02")]
    public void GivenAnyOrder_WhenPlanned_ThenRecordedDoseWithinHalfAGraduationOfTheOrderedDose() =>
        Gen.Select(WeightKg, DoseMgPerKg, VialStrength, Method).Sample((kg, mgPerKg, strength, method) =>
        {
            var plan = Plan(kg, mgPerKg, strength, method).Prepared();
            var halfStep = Clinic.Dosing.SyringeStepMl / 2m * strength;
            Assert.True(Math.Abs(plan.RecordedDose.Milligrams - plan.OrderedDoseMg) <= halfStep);
            Assert.True(Math.Abs(plan.OrderedDoseMg - (kg * mgPerKg)) <= Clinic.Dosing.DoseRoundingStepMg / 2m);
            Assert.Equal(PumpRounding.ToStep(plan.RateMlPerHour, 0.1m), plan.RateMlPerHour);
            Assert.Equal(PumpRounding.ToStep(plan.DrawnVolume.Millilitres, 0.01m), plan.DrawnVolume.Millilitres);
        });

    [Fact]
    [Trait("Rule", "PUMP-01")]
    public void GivenSameDoseInALargerBag_WhenPlanned_ThenRateNeverLower() =>
        Gen.Select(WeightKg, DoseMgPerKg, Gen.Int[20, 1000], Gen.Int[0, 500]).Sample((kg, mgPerKg, bagMl, extraMl) =>
        {
            var smaller = Plan(kg, mgPerKg, 10m, new PreparationMethod.BagAdditive(bagMl)).Prepared();
            var larger = Plan(kg, mgPerKg, 10m, new PreparationMethod.BagAdditive(Math.Min(1000, bagMl + extraMl))).Prepared();
            Assert.True(smaller.FinalVolumeMl <= larger.FinalVolumeMl);
            Assert.True(smaller.RateMlPerHour <= larger.RateMlPerHour);
        });

    [Fact]
    [Trait("Rule", "PUMP-01")]
    public void GivenAnyDuration_WhenPlanned_ThenRateTimesDurationGivesBackTheFinalVolumeWithinRounding() =>
        Gen.Select(WeightKg, Gen.Int[40, 100]).Sample((kg, minutes) =>
        {
            var plan = Plan(kg, 0.5m, 10m, new PreparationMethod.BagAdditive(100m), minutes).Prepared();
            // Compared multiplied out (exact in decimal): |rate × min − final × 60| ≤ half a rate step × min.
            Assert.True(Math.Abs((plan.RateMlPerHour * minutes) - (plan.FinalVolumeMl * 60m)) <= 0.05m * minutes);
        });
}
