using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Quantities;
using static KetamineClinic.Domain.Tests.ControlledSubstances.LedgerFixtures;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

[Trait("Rule", "DEA-01")]
public sealed class LedgerValueTests
{
    private readonly LedgerFixtures f = new();

    [Theory]
    [InlineData("1234-5678-90", "01234-5678-90")]
    [InlineData("12345-678-90", "12345-0678-90")]
    [InlineData("12345-6789-0", "12345-6789-00")]
    [InlineData("12345-6789-01", "12345-6789-01")]
    [InlineData("12345678901", "12345-6789-01")]
    public void GivenNdcInAnyStandardForm_WhenParsed_ThenHeldAsElevenDigitFiveFourTwo(string input, string expected)
    {
        Assert.Equal(expected, new Ndc(input).Value);
        Assert.Equal(expected, new Ndc(input).ToString());
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("123-4567-890")]
    [InlineData("12345-678-9a")]
    [InlineData("12345--67890")]
    [InlineData("123456789012")]
    [InlineData("1234-567-89")]
    public void GivenMalformedNdc_WhenParsed_ThenRejected(string input) =>
        Assert.Throws<ArgumentException>(() => new Ndc(input));

    [Fact]
    public void GivenConcentration_WhenMassComputed_ThenExactMicrograms()
    {
        var c = VialConcentration.FromMilligramsPerMillilitre(100m);

        Assert.Equal(DrugMass.FromMilligrams(50m), c.MassIn(LiquidVolume.FromMillilitres(0.5m)));
        Assert.True(c.IsConsistent(DrugMass.FromMilligrams(0.1m), new LiquidVolume(1)));
        Assert.False(c.IsConsistent(DrugMass.FromMilligrams(0.2m), new LiquidVolume(1)));
        Assert.Equal("100 mg/mL", c.ToString());
        Assert.Equal(100m, c.MilligramsPerMillilitre);
    }

    [Fact]
    public void GivenDilutedConcentration_WhenVolumeGivesFractionalMicrograms_ThenNoExactMass()
    {
        var c = VialConcentration.FromMilligramsPerMillilitre(0.5m);

        Assert.Null(c.MassIn(new LiquidVolume(1)));
        Assert.Equal(new DrugMass(1), c.MassIn(new LiquidVolume(2)));
        Assert.Equal("0.5 mg/mL", c.ToString());
    }

    [Fact]
    public void GivenConcentrationOutOfRange_WhenCreated_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VialConcentration(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VialConcentration(1_000_001));
        Assert.Equal(1_000_000, new VialConcentration(1_000_000).MicrogramsPerMillilitre);
        Assert.Equal(1, new VialConcentration(1).MicrogramsPerMillilitre);
        Assert.Throws<ArgumentException>(() => VialConcentration.FromMilligramsPerMillilitre(0.0005m));
    }

    [Fact]
    public void GivenAmounts_WhenCombined_ThenBothUnitsMove()
    {
        var a = new LedgerAmount(Mg(50m), Ml(0.5m));
        var b = new LedgerAmount(Mg(15m), Ml(0.15m));

        Assert.Equal(new LedgerAmount(Mg(65m), Ml(0.65m)), a + b);
        Assert.Equal(new LedgerAmount(Mg(35m), Ml(0.35m)), a - b);
        Assert.True(a.Covers(b));
        Assert.False(b.Covers(a));
        Assert.False(a.Covers(new LedgerAmount(Mg(10m), Ml(0.6m))));
        Assert.False(a.Covers(new LedgerAmount(Mg(60m), Ml(0.1m))));
        Assert.True(a.Covers(a));
        Assert.Throws<ArgumentOutOfRangeException>(() => b - a);
        Assert.Equal("50.0 mg / 0.50 mL", a.ToString());
    }

    [Fact]
    public void GivenBlankOrEmptyIds_WhenCreated_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new VialId(" "));
        Assert.Throws<ArgumentException>(() => new DoseEventId(""));
        Assert.Throws<ArgumentException>(() => new LedgerUserId(" "));
        Assert.Throws<ArgumentException>(() => new LedgerEventId(Guid.Empty));
        Assert.Throws<ArgumentException>(() => new VialLabel(new VialId("V"), Ketamine100, " ", new DateOnly(2027, 1, 1)));
        Assert.Throws<ArgumentException>(() => new VialLabel(default, Ketamine100, "L", new DateOnly(2027, 1, 1)));
        Assert.Throws<ArgumentException>(() => new VialLabel(new VialId("V"), default, "L", new DateOnly(2027, 1, 1)));
        Assert.Throws<ArgumentException>(() => new Supplier("", "a", "b"));
        Assert.Throws<ArgumentException>(() => new Supplier("a", " ", "b"));
        Assert.Throws<ArgumentException>(() => new Supplier("a", "b", ""));
        Assert.Throws<ArgumentException>(() => new WitnessSignature(default, T0));
        Assert.Equal("V-9", new VialId("V-9").ToString());
        Assert.Equal("dose-9", new DoseEventId("dose-9").ToString());
        Assert.Equal("nurse-9", new LedgerUserId("nurse-9").ToString());
        Assert.Equal("00000000-0000-0000-0000-000000000001", f.NextId().ToString());
    }

    [Fact]
    public void GivenZeroAmounts_WhenMovementEventsCreated_ThenRejected()
    {
        var label = Label();
        var id = f.NextId();
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Draw(id, NurseA, T0, label, Dose1, DrugMass.Zero, Ml(1m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Draw(id, NurseA, T0, label, Dose1, Mg(1m), LiquidVolume.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Administer(id, NurseA, T0, label, Dose1, DrugMass.Zero, Ml(1m), "p"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Waste(id, NurseA, T0, label, Dose1, Mg(1m), LiquidVolume.Zero, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Return(id, NurseA, T0, label, DrugMass.Zero, Ml(1m), "rd"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Dispose(id, NurseA, T0, label, Mg(1m), LiquidVolume.Zero, "m", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.LossReported(id, NurseA, T0, label, DrugMass.Zero, Ml(1m), LossKind.Theft, new DateOnly(2025, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Adjustment(id, NurseA, T0, label, AdjustmentDirection.Increase, Mg(1m), LiquidVolume.Zero, "r", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Receipt(id, NurseA, T0, label, new VialConcentration(1000), LiquidVolume.Zero, Mg(1m), Wholesaler, new DateOnly(2025, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Receipt(id, NurseA, T0, label, new VialConcentration(1000), Ml(1m), DrugMass.Zero, Wholesaler, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void GivenMissingTextOrIds_WhenEventsCreated_ThenRejected()
    {
        var label = Label();
        var id = f.NextId();
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Administer(id, NurseA, T0, label, Dose1, Mg(1m), Ml(0.01m), " "));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Return(id, NurseA, T0, label, Mg(1m), Ml(0.01m), ""));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Dispose(id, NurseA, T0, label, Mg(1m), Ml(0.01m), " ", null));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Adjustment(id, NurseA, T0, label, AdjustmentDirection.Decrease, Mg(1m), Ml(0.01m), " ", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.Adjustment(id, NurseA, T0, label, (AdjustmentDirection)4, Mg(1m), Ml(0.01m), "r", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerEvent.LossReported(id, NurseA, T0, label, Mg(1m), Ml(0.01m), (LossKind)4, new DateOnly(2025, 1, 1)));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Draw(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m)));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Administer(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m), "p"));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Waste(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m), null));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Draw(default, NurseA, T0, label, Dose1, Mg(1m), Ml(0.01m)));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Draw(id, default, T0, label, Dose1, Mg(1m), Ml(0.01m)));
        Assert.Throws<ArgumentNullException>(() => new LedgerEvent.Draw(id, NurseA, T0, null!, Dose1, Mg(1m), Ml(0.01m)));
        Assert.Throws<ArgumentNullException>(() => new LedgerEvent.Receipt(id, NurseA, T0, label, new VialConcentration(1000), Ml(1m), Mg(1m), null!, new DateOnly(2025, 1, 1)));
        Assert.Throws<ArgumentException>(() => new LedgerEvent.Receipt(id, NurseA, T0, label, default, Ml(1m), Mg(1m), Wholesaler, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void GivenEachEventType_WhenNamed_ThenSpecNames()
    {
        Assert.Equal(
            ["RECEIPT", "DRAW", "ADMINISTER", "WASTE", "RETURN", "DISPOSE", "INVENTORY_COUNT", "ADJUSTMENT", "LOSS_REPORTED"],
            Enum.GetValues<LedgerEventType>().Select(t => t.SpecName()));
        var label = Label();
        LedgerEvent[] events =
        [
            f.Receipt(), f.Draw(1m, 0.01m), f.Administer(1m, 0.01m), f.Waste(1m, 0.01m, NurseB),
            new LedgerEvent.Return(f.NextId(), NurseA, T0, label, Mg(1m), Ml(0.01m), "rd"),
            new LedgerEvent.Dispose(f.NextId(), NurseA, T0, label, Mg(1m), Ml(0.01m), "m", null),
            new LedgerEvent.InventoryCount(f.NextId(), NurseA, T0, label, Mg(1m), Ml(0.01m), false),
            new LedgerEvent.Adjustment(f.NextId(), NurseA, T0, label, AdjustmentDirection.Increase, Mg(1m), Ml(0.01m), "r", null),
            new LedgerEvent.LossReported(f.NextId(), NurseA, T0, label, Mg(1m), Ml(0.01m), LossKind.Theft, new DateOnly(2025, 1, 1)),
        ];
        Assert.Equal(Enum.GetValues<LedgerEventType>(), events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(label.Vial, e.Vial));
        Assert.Throws<System.Runtime.CompilerServices.SwitchExpressionException>(() => ((LedgerEventType)99).SpecName());
    }
}
