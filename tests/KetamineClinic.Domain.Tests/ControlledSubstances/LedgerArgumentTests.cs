using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Quantities;
using static KetamineClinic.Domain.Tests.ControlledSubstances.LedgerFixtures;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

public sealed class LedgerArgumentTests
{
    private static readonly ClinicProtocol P = ClinicProtocol.Default;
    private readonly LedgerFixtures f = new();

    [Fact]
    public void GivenNullArguments_WhenLedgerRulesCalled_ThenArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ControlledSubstanceLedger.Replay(null!, P));
        Assert.Throws<ArgumentNullException>(() => ControlledSubstanceLedger.Replay([], null!));
        Assert.Throws<ArgumentNullException>(() => ControlledSubstanceLedger.Empty.Append(null!, P));
        Assert.Throws<ArgumentNullException>(() => ControlledSubstanceLedger.Empty.Append(f.Receipt(), null!));
        Assert.Throws<ArgumentNullException>(() => DoseReconciliation.Reconcile(Dose1, null!, T0, P));
        Assert.Throws<ArgumentNullException>(() => DoseReconciliation.Reconcile(Dose1, [], T0, null!));
        Assert.Throws<ArgumentNullException>(() => TheftLossReporting.For(LossKind.Theft, new DateOnly(2025, 1, 1), null!));
        Assert.Throws<ArgumentNullException>(() => BiennialInventory.Evaluate(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1), null!));
        Assert.Throws<ArgumentNullException>(() => BiennialInventory.Evaluate(null!, new DateOnly(2025, 1, 1), P));
        Assert.Throws<ArgumentNullException>(() => RecordRetention.Evaluate(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1), false, null!));
        Assert.Throws<ArgumentNullException>(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, Pharmacist, null!));
    }

    [Fact]
    public void GivenInvalidValues_WhenCreated_ThenMessagesSayWhy()
    {
        var label = Label();
        var id = f.NextId();
        static string Message(Func<object> create) => Assert.ThrowsAny<ArgumentException>(create).Message;

        Assert.StartsWith("'12-34' is not an NDC (use 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits).", Message(() => new Ndc("12-34")), StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new Ndc(null!));
        Assert.StartsWith("A ledger event id cannot be empty.", Message(() => new LedgerEventId(Guid.Empty)), StringComparison.Ordinal);
        Assert.StartsWith("A vial label needs a vial id and an NDC.", Message(() => new VialLabel(default, Ketamine100, "L", new DateOnly(2027, 1, 1))), StringComparison.Ordinal);
        Assert.StartsWith("A witness signature needs a user.", Message(() => new WitnessSignature(default, T0)), StringComparison.Ordinal);
        Assert.StartsWith("A ledger event needs an id and the recording user.", Message(() => new LedgerEvent.Draw(id, default, T0, label, Dose1, Mg(1m), Ml(0.01m))), StringComparison.Ordinal);
        Assert.StartsWith("The drug amount must be greater than zero.", Message(() => new LedgerEvent.Draw(id, NurseA, T0, label, Dose1, DrugMass.Zero, Ml(0.01m))), StringComparison.Ordinal);
        Assert.StartsWith("The volume must be greater than zero.", Message(() => new LedgerEvent.Draw(id, NurseA, T0, label, Dose1, Mg(1m), LiquidVolume.Zero)), StringComparison.Ordinal);
        Assert.StartsWith("A receipt needs the vial's concentration.", Message(() => new LedgerEvent.Receipt(id, NurseA, T0, label, default, Ml(1m), Mg(1m), Wholesaler, new DateOnly(2025, 1, 1))), StringComparison.Ordinal);
        Assert.StartsWith("A draw needs its dose event.", Message(() => new LedgerEvent.Draw(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m))), StringComparison.Ordinal);
        Assert.StartsWith("An administration needs its dose event.", Message(() => new LedgerEvent.Administer(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m), "p")), StringComparison.Ordinal);
        Assert.StartsWith("A waste needs its dose event.", Message(() => new LedgerEvent.Waste(id, NurseA, T0, label, default, Mg(1m), Ml(0.01m), null)), StringComparison.Ordinal);
        Assert.StartsWith("Unknown adjustment direction.", Message(() => new LedgerEvent.Adjustment(id, NurseA, T0, label, (AdjustmentDirection)4, Mg(1m), Ml(0.01m), "r", null)), StringComparison.Ordinal);
        Assert.StartsWith("Unknown loss kind.", Message(() => new LedgerEvent.LossReported(id, NurseA, T0, label, Mg(1m), Ml(0.01m), (LossKind)4, new DateOnly(2025, 1, 1))), StringComparison.Ordinal);
        Assert.StartsWith("Unknown loss kind.", Message(() => TheftLossReporting.For((LossKind)4, new DateOnly(2025, 1, 1), P)), StringComparison.Ordinal);
        Assert.StartsWith("An inventory line needs an NDC.", Message(() => new InventoryLine(default, "k", "vial", new VialConcentration(1000), Ml(1m), 1, false)), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new InventoryLine(Ketamine100, "k", " ", new VialConcentration(1000), Ml(1m), 1, false));
        Assert.StartsWith("Unknown inventory kind.", Message(() => new InventoryRecord((InventoryKind)4, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, Pharmacist, [])), StringComparison.Ordinal);
        Assert.StartsWith("Unknown inventory timing.", Message(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), (InventoryTiming)4, Pharmacist, [])), StringComparison.Ordinal);
        Assert.StartsWith("An inventory needs the user who took it.", Message(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, default, [])), StringComparison.Ordinal);
        Assert.StartsWith("An inventory line is missing.", Message(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, Pharmacist, [null!])), StringComparison.Ordinal);
        Assert.StartsWith("The biennial-inventory reminder must start 1–365 days before the due date.", Message(() => ControlledSubstancesProtocol.Default with { BiennialInventoryReminderDays = 0 }), StringComparison.Ordinal);
    }
}
