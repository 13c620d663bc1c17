using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.ControlledSubstances.LedgerFixtures;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

public sealed class LedgerTests
{
    private readonly LedgerFixtures f = new();
    private readonly ClinicProtocol protocol = TestProtocol();

    [Fact]
    [Trait("Vector", "TV-63")]
    [Trait("Rule", "DEA-01")]
    [Trait("Rule", "DEA-02")]
    [Trait("Rule", "DEA-03")]
    public void GivenFiveMlVialAt100MgPerMl_WhenDraw50Administer35WasteWitnessed15_ThenBalancedAndVialHolds450MgIn4Point5Ml()
    {
        var ledger = Build(protocol,
            f.Receipt(),
            f.Draw(50m, 0.50m),
            f.Administer(35m, 0.35m),
            f.Waste(15m, 0.15m, witness: NurseB));

        var vial = ledger.BalanceOf(new VialId("V-001"))!;
        Assert.Equal(Mg(450m), vial.Balance.Mass);
        Assert.Equal(Ml(4.50m), vial.Balance.Volume);
        Assert.Equal("450.0 mg / 4.50 mL", vial.Balance.ToString());
        Assert.Equal(new LedgerAmount(Mg(500m), Ml(5m)), vial.Received);
        Assert.Equal(4, ledger.Events.Count);

        var reconciliation = ledger.ReconcileDose(Dose1, f.At(80), protocol);
        var balanced = Assert.IsType<DoseEventReconciliation.Balanced>(reconciliation);
        Assert.Equal(new LedgerAmount(Mg(50m), Ml(0.50m)), balanced.Totals.Drawn);
        Assert.Equal(new LedgerAmount(Mg(35m), Ml(0.35m)), balanced.Totals.Administered);
        Assert.Equal(new LedgerAmount(Mg(15m), Ml(0.15m)), balanced.Totals.Wasted);
        Assert.True(balanced.Totals.IsBalanced);
        Assert.Equal("cs-1", balanced.Version.Value);
        Assert.Equal(Dose1, balanced.Dose);
    }

    [Fact]
    [Trait("Vector", "TV-63")]
    [Trait("Rule", "DEA-03")]
    public void GivenWasteWithoutWitness_WhenAppended_ThenBlockedByDea03()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.50m), f.Administer(35m, 0.35m));

        var v = SingleViolation(ledger.Append(f.Waste(15m, 0.15m, witness: null), protocol));

        Assert.Equal("DEA-03", v.Rule.Value);
        Assert.Equal(LedgerViolationKind.Block, v.Kind);
        Assert.Equal("WASTE of 15.0 mg / 0.15 mL for dose dose-1 needs a second authenticated user as witness (DEA-03).", v.Message);
    }

    [Fact]
    [Trait("Vector", "TV-63")]
    [Trait("Rule", "DEA-03")]
    public void GivenAdministeringUserAsWitness_WhenWasteRecordedByAnotherNurse_ThenBlocked()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.50m), f.Administer(35m, 0.35m, by: NurseA));

        var v = SingleViolation(ledger.Append(f.Waste(15m, 0.15m, witness: NurseA, by: NurseB), protocol));

        Assert.Equal("DEA-03", v.Rule.Value);
        Assert.Equal(LedgerViolationKind.Block, v.Kind);
        Assert.Equal("User nurse-a administered dose dose-1 and cannot witness its WASTE (DEA-03).", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenWasterAsOwnWitness_WhenAppended_ThenBlocked()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.50m), f.Administer(35m, 0.35m, by: NurseB));

        var v = SingleViolation(ledger.Append(f.Waste(15m, 0.15m, witness: NurseA, by: NurseA), protocol));

        Assert.Equal("User nurse-a cannot witness their own WASTE for dose dose-1 (DEA-03).", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenWitnessOfTheWaste_WhenTheyLaterAdministerTheSameDose_ThenBlocked()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.50m), f.Waste(15m, 0.15m, witness: NurseB, by: NurseA));

        var v = SingleViolation(ledger.Append(f.Administer(35m, 0.35m, by: NurseB), protocol));

        Assert.Equal("DEA-03", v.Rule.Value);
        Assert.Equal(LedgerViolationKind.Block, v.Kind);
        Assert.Equal("User nurse-b witnessed a WASTE of dose dose-1 and cannot also administer it (DEA-03).", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenWitnessNotRequiredByProtocol_WhenWasteHasNoWitness_ThenAcceptedButASameUserWitnessStillBlocked()
    {
        var relaxed = protocol with { ControlledSubstances = ControlledSubstancesProtocol.Default with { WasteWitnessRequired = false } };
        var ledger = Build(relaxed, f.Receipt(), f.Draw(50m, 0.50m), f.Administer(35m, 0.35m));

        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(f.Waste(15m, 0.15m, witness: null), relaxed));
        Assert.Equal("DEA-03", SingleViolation(ledger.Append(f.Waste(15m, 0.15m, witness: NurseA), relaxed)).Rule.Value);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDrawLargerThanTheVial_WhenAppended_ThenRejectedNamingVialAndAmounts()
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(f.Draw(600m, 6m), protocol));

        Assert.Equal("DEA-02", v.Rule.Value);
        Assert.Equal(LedgerViolationKind.InvalidInput, v.Kind);
        Assert.Equal("DRAW of 600.0 mg / 6.00 mL from vial V-001 would make its balance negative: the vial holds 500.0 mg / 5.00 mL.", v.Message);
        Assert.Equal(Mg(500m), ledger.BalanceOf(new VialId("V-001"))!.Balance.Mass);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDrawOfTheWholeVial_WhenAppended_ThenAcceptedAndBalanceIsZero()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(500m, 5m));

        Assert.Equal(LedgerAmount.Zero, ledger.BalanceOf(new VialId("V-001"))!.Balance);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDrawOneMicrolitreMoreThanLeft_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(450m, 4.5m));

        Assert.Equal("DEA-02", SingleViolation(ledger.Append(f.Draw(50.1m, 0.501m), protocol)).Rule.Value);
        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(f.Draw(50m, 0.5m), protocol));
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenMassThatIsNotTheVolumeAtTheVialConcentration_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(f.Draw(50m, 0.40m), protocol));

        Assert.Equal("DEA-02", v.Rule.Value);
        Assert.Equal("DRAW on vial V-001: 50.0 mg is not 0.40 mL of 100 mg/mL solution.", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenReceiptWhoseMassIsNotVolumeTimesConcentration_WhenAppended_ThenRejected()
    {
        var v = SingleViolation(ControlledSubstanceLedger.Empty.Append(f.Receipt(mg: 450m), protocol));

        Assert.Equal("DEA-02", v.Rule.Value);
        Assert.Equal("RECEIPT of vial V-001: 450.0 mg is not 5.00 mL of 100 mg/mL solution.", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenVialReceivedTwice_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(f.Receipt(), protocol));

        Assert.Equal("DEA-01", v.Rule.Value);
        Assert.Equal("Vial V-001 was already received; each vial is received once.", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenSameEventTwice_WhenAppended_ThenRejectedAsAppendOnly()
    {
        var draw = f.Draw(50m, 0.5m);
        var ledger = Build(protocol, f.Receipt(), draw);

        var v = SingleViolation(ledger.Append(draw, protocol));

        Assert.Equal("DEA-01", v.Rule.Value);
        Assert.Contains("append-only", v.Message, StringComparison.Ordinal);
        Assert.Contains(draw.Id.ToString(), v.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenUnknownVial_WhenDrawn_ThenRejected()
    {
        var v = SingleViolation(ControlledSubstanceLedger.Empty.Append(f.Draw(50m, 0.5m), protocol));

        Assert.Equal("DEA-01", v.Rule.Value);
        Assert.Equal("Vial V-001 has no RECEIPT on the ledger.", v.Message);
    }

    [Theory]
    [Trait("Rule", "DEA-01")]
    [InlineData("LOT-B2", 2027, "12345-678-90")]
    [InlineData("LOT-A1", 2028, "12345-678-90")]
    [InlineData("LOT-A1", 2027, "12345-678-91")]
    public void GivenLabelThatDoesNotMatchTheReceivedVial_WhenDrawn_ThenRejected(string lot, int expiryYear, string ndc)
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(f.Draw(50m, 0.5m, label: Label(lot: lot, expiryYear: expiryYear, ndc: new Ndc(ndc))), protocol));

        Assert.Equal("DEA-01", v.Rule.Value);
        Assert.Contains("does not match the received vial (NDC 12345-0678-90, lot LOT-A1, expiry 2027-06-30)", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenAdministrationWithoutADrawFromThatVial_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt(), f.Receipt(Label("V-002")), f.Draw(50m, 0.5m));

        var v = SingleViolation(ledger.Append(f.Administer(35m, 0.35m, label: Label("V-002")), protocol));

        Assert.Equal("ADMINISTER for dose dose-1: nothing was drawn from vial V-002 for this dose.", v.Message);
        Assert.Equal("DEA-02", v.Rule.Value);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenAdministrationAndWasteBeyondTheDraw_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m), f.Administer(35m, 0.35m));

        var v = SingleViolation(ledger.Append(f.Waste(16m, 0.16m, witness: NurseB), protocol));

        Assert.Equal("DEA-02", v.Rule.Value);
        Assert.Equal("WASTE of 16.0 mg / 0.16 mL for dose dose-1 is more than remains drawn (15.0 mg / 0.15 mL of 50.0 mg / 0.50 mL drawn); record the missing DRAW first.", v.Message);
        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(f.Waste(15m, 0.15m, witness: NurseB), protocol));
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenWasteRecordedFirst_WhenAdministrationExceedsWhatIsLeft_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m), f.Waste(15m, 0.15m, witness: NurseB));

        var v = SingleViolation(ledger.Append(f.Administer(36m, 0.36m), protocol));

        Assert.Equal("ADMINISTER of 36.0 mg / 0.36 mL for dose dose-1 is more than remains drawn (35.0 mg / 0.35 mL of 50.0 mg / 0.50 mL drawn); record the missing DRAW first.", v.Message);
        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(f.Administer(35m, 0.35m), protocol));
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    [Trait("Rule", "DEA-03")]
    public void GivenUnwitnessedWasteBeyondTheDraw_WhenAppended_ThenBothViolationsReported()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m));

        var rejected = Assert.IsType<LedgerAppendResult.Rejected>(ledger.Append(f.Waste(60m, 0.6m, witness: null), protocol));

        Assert.Equal(["DEA-02", "DEA-03"], rejected.Violations.Select(v => v.Rule.Value));
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDoseImbalance_WhenSessionCloses_ThenBlockedAndDea04TaskOpened()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.50m), f.Administer(35m, 0.35m), f.Waste(10m, 0.10m, witness: NurseB));

        var blocked = Assert.IsType<DoseEventReconciliation.Blocked>(ledger.ReconcileDose(Dose1, f.At(90), protocol));

        var finding = Assert.Single(blocked.Findings);
        Assert.Equal("DEA-02", finding.Rule.Value);
        Assert.Equal(Enforcement.Block, finding.Level);
        Assert.Equal(["S73", "S75"], finding.Sources);
        Assert.Equal(
            "Dose dose-1: drawn 50.0 mg / 0.50 mL, administered 35.0 mg / 0.35 mL, wasted 10.0 mg / 0.10 mL; DRAW − ADMINISTER − WASTE = 5.0 mg / 0.05 mL, not 0. The session cannot close; a discrepancy investigation (DEA-04) is open.",
            finding.Message);
        var task = blocked.OpenedTask!;
        Assert.Equal(DiscrepancyKind.DoseEventImbalance, task.Kind);
        Assert.Equal("DEA-04", DiscrepancyTask.Rule.Value);
        Assert.Equal(f.At(90), task.DiscoveredAt);
        Assert.Equal(Dose1, task.Dose);
        Assert.Null(task.Vial);
        Assert.Equal(new LedgerAmount(Mg(50m), Ml(0.5m)), task.Expected);
        Assert.Equal(new LedgerAmount(Mg(45m), Ml(0.45m)), task.Found);
        Assert.Equal("cs-1", task.Version.Value);
        Assert.Equal(finding.Message, task.Description);
        Assert.Equal(5000, blocked.Totals.UnaccountedMicrograms);
        Assert.Equal(50, blocked.Totals.UnaccountedMicrolitres);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDoseBalancedInMgButNotInMl_WhenSessionCloses_ThenBlocked()
    {
        // Vial A 10 mg/mL and vial B 100 mg/mL for the same dose: 10 mg each drawn (1.00 mL + 0.10 mL);
        // all 20 mg recorded as given from vial B (0.20 mL): mg balance, mL do not.
        var a = Label("V-A");
        var b = Label("V-B", lot: "LOT-B");
        var ledger = Build(protocol,
            f.Receipt(a, mgPerMl: 10m, ml: 10m),
            f.Receipt(b),
            f.Draw(10m, 1.00m, label: a),
            f.Draw(10m, 0.10m, label: b),
            f.Administer(20m, 0.20m, label: b));

        var blocked = Assert.IsType<DoseEventReconciliation.Blocked>(ledger.ReconcileDose(Dose1, f.At(90), protocol));

        Assert.Equal(0, blocked.Totals.UnaccountedMicrograms);
        Assert.Equal(900, blocked.Totals.UnaccountedMicrolitres);
        Assert.Contains("= 0.0 mg / 0.90 mL, not 0", blocked.Findings.Single().Message, StringComparison.Ordinal);
        Assert.NotNull(blocked.OpenedTask);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenMoreGivenThanDrawnInRawEvents_WhenReconciled_ThenNegativeImbalanceBlocks()
    {
        LedgerEvent[] events = [f.Draw(10m, 0.10m), f.Administer(20m, 0.20m)];

        var blocked = Assert.IsType<DoseEventReconciliation.Blocked>(DoseReconciliation.Reconcile(Dose1, events, f.At(90), protocol));

        Assert.Equal(-10000, blocked.Totals.UnaccountedMicrograms);
        Assert.Contains("= -10.0 mg / -0.10 mL, not 0", blocked.Findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenOtherDosesOnTheLedger_WhenReconciled_ThenOnlyThisDoseCounts()
    {
        var other = new DoseEventId("dose-2");
        var ledger = Build(protocol,
            f.Receipt(),
            f.Draw(50m, 0.5m),
            f.Administer(50m, 0.5m),
            f.Draw(40m, 0.4m, dose: other));

        Assert.IsType<DoseEventReconciliation.Balanced>(ledger.ReconcileDose(Dose1, f.At(90), protocol));
        Assert.IsType<DoseEventReconciliation.Blocked>(ledger.ReconcileDose(other, f.At(90), protocol));
    }

    [Fact]
    public void GivenDoseWithNoLedgerEvents_WhenReconciled_ThenBalancedAtZero()
    {
        var result = DoseReconciliation.Reconcile(Dose1, [], f.At(90), protocol);

        Assert.Equal(new DoseTotals(LedgerAmount.Zero, LedgerAmount.Zero, LedgerAmount.Zero), Assert.IsType<DoseEventReconciliation.Balanced>(result).Totals);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenUnwitnessedWasteInRawEvents_WhenSessionCloses_ThenBlockedWithoutDiscrepancyTask()
    {
        LedgerEvent[] events = [f.Draw(50m, 0.5m), f.Administer(35m, 0.35m), f.Waste(15m, 0.15m, witness: null)];

        var blocked = Assert.IsType<DoseEventReconciliation.Blocked>(DoseReconciliation.Reconcile(Dose1, events, f.At(90), protocol));

        var finding = Assert.Single(blocked.Findings);
        Assert.Equal("DEA-03", finding.Rule.Value);
        Assert.Equal(Enforcement.Block, finding.Level);
        Assert.Equal(["S76", "C"], finding.Sources);
        Assert.Null(blocked.OpenedTask);
        Assert.True(blocked.Totals.IsBalanced);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenWitnessWhoAlsoAdministeredInRawEvents_WhenSessionCloses_ThenBlocked()
    {
        LedgerEvent[] events = [f.Draw(50m, 0.5m), f.Waste(15m, 0.15m, witness: NurseB), f.Administer(35m, 0.35m, by: NurseB)];

        var blocked = Assert.IsType<DoseEventReconciliation.Blocked>(DoseReconciliation.Reconcile(Dose1, events, f.At(90), protocol));

        Assert.Equal("User nurse-b administered dose dose-1 and cannot witness its WASTE (DEA-03).", blocked.Findings.Single().Message);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenReturnDisposeAndLoss_WhenAppended_ThenEachReducesTheVial()
    {
        var label = Label();
        var ledger = Build(protocol,
            f.Receipt(),
            new LedgerEvent.Return(f.NextId(), Pharmacist, f.At(1), label, Mg(100m), Ml(1m), "Synthetic Reverse Distributor RD0000000"),
            new LedgerEvent.Dispose(f.NextId(), Pharmacist, f.At(2), label, Mg(100m), Ml(1m), "DEA Form 41, on-site destruction", new WitnessSignature(NurseA, f.At(2))),
            new LedgerEvent.LossReported(f.NextId(), Pharmacist, f.At(3), label, Mg(50m), Ml(0.5m), LossKind.LossNotSignificant, new DateOnly(2025, 3, 10)));

        Assert.Equal(new LedgerAmount(Mg(250m), Ml(2.5m)), ledger.BalanceOf(label.Vial)!.Balance);
        Assert.Equal(
            [LedgerEventType.Receipt, LedgerEventType.Return, LedgerEventType.Dispose, LedgerEventType.LossReported],
            ledger.Events.Select(e => e.Type));
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenReturnOfMoreThanTheVialHolds_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(new LedgerEvent.Return(f.NextId(), Pharmacist, f.At(1), Label(), Mg(510m), Ml(5.1m), "RD"), protocol));

        Assert.Equal("RETURN of 510.0 mg / 5.10 mL from vial V-001 would make its balance negative: the vial holds 500.0 mg / 5.00 mL.", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-03")]
    public void GivenDisposalWitnessedByTheSameUser_WhenAppended_ThenBlocked()
    {
        var ledger = Build(protocol, f.Receipt());

        var v = SingleViolation(ledger.Append(
            new LedgerEvent.Dispose(f.NextId(), Pharmacist, f.At(2), Label(), Mg(100m), Ml(1m), "Form 41", new WitnessSignature(Pharmacist, f.At(2))),
            protocol));

        Assert.Equal("DEA-03", v.Rule.Value);
        Assert.Equal(LedgerViolationKind.Block, v.Kind);
        Assert.Equal("User pharmacist-1 cannot witness their own DISPOSE of vial V-001.", v.Message);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenDisposalWithoutWitness_WhenAppended_ThenAccepted()
    {
        var ledger = Build(protocol, f.Receipt());

        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(
            new LedgerEvent.Dispose(f.NextId(), Pharmacist, f.At(2), Label(), Mg(500m), Ml(5m), "Reverse distributor pickup", null),
            protocol));
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenTheftRecorded_WhenAppended_ThenReportingDeadlinesReturned()
    {
        var ledger = Build(protocol, f.Receipt());
        var loss = new LedgerEvent.LossReported(f.NextId(), Pharmacist, f.At(5), Label(), Mg(500m), Ml(5m), LossKind.Theft, new DateOnly(2025, 5, 2));

        var accepted = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(loss, protocol));

        var required = Assert.IsType<ReportingObligation.Required>(accepted.Reporting);
        Assert.Equal(new DateOnly(2025, 5, 5), required.WrittenNoticeDueOn);
        Assert.Equal(new DateOnly(2025, 6, 16), required.Form106DueOn);
        Assert.Equal(LossKind.Theft, required.Kind);
        Assert.Empty(accepted.OpenedTasks);
    }

    [Fact]
    public void GivenNonLossEvent_WhenAppended_ThenNoReportingObligation()
    {
        var accepted = Assert.IsType<LedgerAppendResult.Accepted>(ControlledSubstanceLedger.Empty.Append(f.Receipt(), protocol));

        Assert.Null(accepted.Reporting);
        Assert.Empty(accepted.OpenedTasks);
        Assert.Same(accepted.Event, accepted.Ledger.Events.Single());
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenDrawRecordedTooLarge_WhenCorrectedByAdjustment_ThenBalanceRestoredAndOriginalKept()
    {
        var wrongDraw = f.Draw(60m, 0.60m);
        var ledger = Build(protocol, f.Receipt(), wrongDraw);
        var correction = new LedgerEvent.Adjustment(f.NextId(), NurseA, f.At(30), Label(), AdjustmentDirection.Increase,
            Mg(10m), Ml(0.10m), "Draw keyed as 0.60 mL; 0.50 mL was drawn (checked with syringe)", wrongDraw.Id);

        var corrected = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(correction, protocol)).Ledger;

        Assert.Equal(new LedgerAmount(Mg(450m), Ml(4.5m)), corrected.BalanceOf(Label().Vial)!.Balance);
        Assert.Same(wrongDraw, corrected.Events[1]);
        Assert.Equal(3, corrected.Events.Count);
        Assert.Equal(2, ledger.Events.Count);
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenAdjustmentDecrease_WhenAppended_ThenBalanceReducedAndNeverBelowZero()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(450m, 4.5m));
        LedgerEvent.Adjustment Decrease(decimal mg, decimal ml) =>
            new(f.NextId(), Pharmacist, f.At(40), Label(), AdjustmentDirection.Decrease, Mg(mg), Ml(ml), "Count correction", null);

        Assert.Equal(LedgerAmount.Zero, Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(Decrease(50m, 0.5m), protocol)).Ledger.BalanceOf(Label().Vial)!.Balance);
        Assert.Equal("DEA-02", SingleViolation(ledger.Append(Decrease(60m, 0.6m), protocol)).Rule.Value);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenAdjustmentIncreaseAboveWhatWasReceived_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m));
        LedgerEvent.Adjustment Increase(decimal mg, decimal ml) =>
            new(f.NextId(), Pharmacist, f.At(40), Label(), AdjustmentDirection.Increase, Mg(mg), Ml(ml), "Correction", null);

        var v = SingleViolation(ledger.Append(Increase(60m, 0.6m), protocol));

        Assert.Equal("ADJUSTMENT +60.0 mg / 0.60 mL on vial V-001 would give 510.0 mg / 5.10 mL, more than the 500.0 mg / 5.00 mL received.", v.Message);
        Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(Increase(50m, 0.5m), protocol));
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenAdjustmentCorrectingAnUnknownEvent_WhenAppended_ThenRejected()
    {
        var ledger = Build(protocol, f.Receipt());
        var ghost = f.NextId();

        var v = SingleViolation(ledger.Append(
            new LedgerEvent.Adjustment(f.NextId(), Pharmacist, f.At(40), Label(), AdjustmentDirection.Decrease, Mg(1m), Ml(0.01m), "Fix", ghost),
            protocol));

        Assert.Equal("DEA-01", v.Rule.Value);
        Assert.Contains(ghost.ToString(), v.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenInventoryCountMatchingTheBalance_WhenAppended_ThenNoTask()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m));

        var accepted = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(
            new LedgerEvent.InventoryCount(f.NextId(), Pharmacist, f.At(100), Label(), Mg(450m), Ml(4.5m), estimated: false), protocol));

        Assert.Empty(accepted.OpenedTasks);
        Assert.Equal(new LedgerAmount(Mg(450m), Ml(4.5m)), accepted.Ledger.BalanceOf(Label().Vial)!.Balance);
        Assert.Equal(3, accepted.Ledger.Events.Count);
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenInventoryCountBelowTheBalance_WhenAppended_ThenAcceptedAndInvestigationTaskOpened()
    {
        var ledger = Build(protocol, f.Receipt(), f.Draw(50m, 0.5m));

        var accepted = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(
            new LedgerEvent.InventoryCount(f.NextId(), Pharmacist, f.At(100), Label(), Mg(400m), Ml(4m), estimated: true), protocol));

        var task = Assert.Single(accepted.OpenedTasks);
        Assert.Equal(DiscrepancyKind.InventoryCountMismatch, task.Kind);
        Assert.Equal(Label().Vial, task.Vial);
        Assert.Null(task.Dose);
        Assert.Equal(new LedgerAmount(Mg(450m), Ml(4.5m)), task.Expected);
        Assert.Equal(new LedgerAmount(Mg(400m), Ml(4m)), task.Found);
        Assert.Equal(f.At(100), task.DiscoveredAt);
        Assert.Equal("cs-1", task.Version.Value);
        Assert.Equal("Inventory count of vial V-001 found 400.0 mg / 4.00 mL (estimated); the ledger balance is 450.0 mg / 4.50 mL.", task.Description);
        Assert.Equal(new LedgerAmount(Mg(450m), Ml(4.5m)), accepted.Ledger.BalanceOf(Label().Vial)!.Balance);
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenExactInventoryCountThatDiffers_WhenAppended_ThenDescriptionHasNoEstimateNote()
    {
        var ledger = Build(protocol, f.Receipt());

        var accepted = Assert.IsType<LedgerAppendResult.Accepted>(ledger.Append(
            new LedgerEvent.InventoryCount(f.NextId(), Pharmacist, f.At(100), Label(), Mg(0m), Ml(0m), estimated: false), protocol));

        Assert.Equal("Inventory count of vial V-001 found 0.0 mg / 0.00 mL; the ledger balance is 500.0 mg / 5.00 mL.", accepted.OpenedTasks.Single().Description);
    }

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenVialsOfTwoProducts_WhenStockBalanced_ThenGroupedByNdcAndStrengthWhateverTheNdcFormat()
    {
        var other = new Ndc("1234-5678-90");
        var ledger = Build(protocol,
            f.Receipt(Label("V-1")),
            f.Receipt(Label("V-2", ndc: new Ndc("12345067890"))),
            f.Receipt(Label("V-3", ndc: other), mgPerMl: 10m, ml: 20m),
            f.Receipt(Label("V-4", ndc: other), mgPerMl: 50m, ml: 1m),
            f.Draw(500m, 5m, label: Label("V-1")),
            f.Draw(50m, 0.5m, label: Label("V-2")));

        var stock = ledger.StockBalances();

        Assert.Equal(3, stock.Count);
        Assert.Equal([10_000, 50_000, 100_000], stock.Select(s => s.Strength.MicrogramsPerMillilitre));
        Assert.Equal(new LedgerAmount(Mg(50m), Ml(1m)), stock[1].Balance);
        Assert.Equal("01234-5678-90", stock[0].Ndc.Value);
        Assert.Equal(new LedgerAmount(Mg(200m), Ml(20m)), stock[0].Balance);
        Assert.Equal(1, stock[0].Vials);
        Assert.Equal(1, stock[0].VialsWithStock);
        Assert.Equal("12345-0678-90", stock[2].Ndc.Value);
        Assert.Equal(2, stock[2].Vials);
        Assert.Equal(1, stock[2].VialsWithStock);
        Assert.Equal(new LedgerAmount(Mg(450m), Ml(4.5m)), stock[2].Balance);
    }

    [Fact]
    [Trait("Rule", "DEA-01")]
    public void GivenStoredEvents_WhenReplayed_ThenSameLedgerAndTasksAndRejectionsCollected()
    {
        var events = new LedgerEvent[]
        {
            f.Receipt(),
            f.Draw(50m, 0.5m),
            f.Draw(500m, 5m), // would go negative
            new LedgerEvent.InventoryCount(f.NextId(), Pharmacist, f.At(100), Label(), Mg(440m), Ml(4.4m), false),
        };

        var replay = ControlledSubstanceLedger.Replay(events, protocol);

        Assert.Equal(3, replay.Ledger.Events.Count);
        Assert.Same(events[2], Assert.Single(replay.Rejections).Event);
        Assert.Single(replay.OpenedTasks);
        Assert.Equal(Mg(450m), replay.Ledger.BalanceOf(Label().Vial)!.Balance.Mass);
        Assert.Null(replay.Ledger.BalanceOf(new VialId("nope")));
        Assert.Empty(ControlledSubstanceLedger.Empty.Events);
        Assert.Empty(ControlledSubstanceLedger.Empty.Vials);
    }
}
