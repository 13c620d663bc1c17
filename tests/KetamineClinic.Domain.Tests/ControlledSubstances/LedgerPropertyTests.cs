using CsCheck;
using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Quantities;
using static KetamineClinic.Domain.Tests.ControlledSubstances.LedgerFixtures;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

public sealed class LedgerPropertyTests
{
    private static readonly decimal[] Strengths = [10m, 50m, 100m];
    private static readonly decimal[] VialMl = [1m, 5m, 10m, 20m];

    /// <summary>(operation, vial index, µL): 0 draw, 1 return, 2 dispose, 3 loss, 4 adjust down, 5 adjust up.</summary>
    private static readonly Gen<(int Op, int Vial, int Microlitres)[]> Operations =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2], Gen.Int[1, 6000]).Array[0, 25];

    private static readonly Gen<(int Strength, int Size)[]> Vials = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3]).Array[3];

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenAnyEventSequence_WhenAppended_ThenBalancesNeverNegativeAndRejectionsExactlyWhenTheyWouldBe() =>
        Gen.Select(Vials, Operations).Sample((vials, ops) =>
        {
            var f = new LedgerFixtures();
            var protocol = TestProtocol();
            var labels = vials.Select((_, i) => Label($"V-{i}", lot: $"LOT-{i}")).ToArray();
            var ledger = Build(protocol, vials.Select((v, i) => (LedgerEvent)f.Receipt(labels[i], Strengths[v.Strength], VialMl[v.Size])).ToArray());
            var model = vials.Select(v => (long)(VialMl[v.Size] * 1000m)).ToArray();
            var capacity = model.ToArray();
            var dose = 0;
            foreach (var (op, index, microlitres) in ops)
            {
                var vial = ledger.BalanceOf(labels[index].Vial)!;
                var volume = new LiquidVolume(microlitres);
                var mass = vial.Concentration.MassIn(volume)!.Value;
                var label = labels[index];
                LedgerEvent e = op switch
                {
                    0 => new LedgerEvent.Draw(f.NextId(), NurseA, T0, label, new DoseEventId($"d{++dose}"), mass, volume),
                    1 => new LedgerEvent.Return(f.NextId(), Pharmacist, T0, label, mass, volume, "rd"),
                    2 => new LedgerEvent.Dispose(f.NextId(), Pharmacist, T0, label, mass, volume, "Form 41", null),
                    3 => new LedgerEvent.LossReported(f.NextId(), Pharmacist, T0, label, mass, volume, LossKind.LossNotSignificant, new DateOnly(2025, 3, 10)),
                    4 => new LedgerEvent.Adjustment(f.NextId(), Pharmacist, T0, label, AdjustmentDirection.Decrease, mass, volume, "count", null),
                    _ => new LedgerEvent.Adjustment(f.NextId(), Pharmacist, T0, label, AdjustmentDirection.Increase, mass, volume, "count", null),
                };
                var expectedAfter = op == 5 ? model[index] + microlitres : model[index] - microlitres;
                var shouldAccept = expectedAfter >= 0 && expectedAfter <= capacity[index];
                switch (ledger.Append(e, protocol))
                {
                    case LedgerAppendResult.Accepted accepted when shouldAccept:
                        ledger = accepted.Ledger;
                        model[index] = expectedAfter;
                        break;
                    case LedgerAppendResult.Rejected rejected when !shouldAccept:
                        Assert.Equal("DEA-02", Assert.Single(rejected.Violations).Rule.Value);
                        break;
                    default:
                        Assert.Fail($"Op {op} of {microlitres} µL on vial {index} holding {model[index]} µL: unexpected result.");
                        break;
                }
                foreach (var (v, i) in labels.Select((l, i) => (ledger.BalanceOf(l.Vial)!, i)))
                {
                    Assert.Equal(model[i], v.Balance.Volume.Microlitres);
                    Assert.True(v.Balance.Mass.Micrograms >= 0);
                    Assert.True(v.Received.Covers(v.Balance));
                    Assert.True(v.Concentration.IsConsistent(v.Balance.Mass, v.Balance.Volume));
                }
            }
        });

    [Fact]
    [Trait("Rule", "DEA-02")]
    public void GivenAnyVials_WhenStockBalanced_ThenPerVialBalancesSumToTheStockBalance() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 1], Gen.Int[0, 100]).Array[1, 8].Sample(vials =>
        {
            var f = new LedgerFixtures();
            var protocol = TestProtocol();
            var ndcs = new[] { new Ndc("12345-678-90"), new Ndc("54321-876-09") };
            var events = new List<LedgerEvent>();
            for (var i = 0; i < vials.Length; i++)
            {
                var (strength, size, ndc, percentDrawn) = vials[i];
                var label = Label($"V-{i}", ndc: ndcs[ndc]);
                events.Add(f.Receipt(label, Strengths[strength], VialMl[size]));
                var drawnMl = decimal.Round(VialMl[size] * percentDrawn / 100m, 2);
                if (drawnMl > 0)
                {
                    events.Add(f.Draw(drawnMl * Strengths[strength], drawnMl, label, new DoseEventId($"d{i}")));
                }
            }
            var ledger = Build(protocol, events.ToArray());
            var stock = ledger.StockBalances();
            var perVial = ledger.Vials.Values.ToList();
            return stock.Sum(s => s.Balance.Mass.Micrograms) == perVial.Sum(v => v.Balance.Mass.Micrograms)
                && stock.Sum(s => s.Balance.Volume.Microlitres) == perVial.Sum(v => v.Balance.Volume.Microlitres)
                && stock.Sum(s => s.Vials) == vials.Length
                && stock.All(s => s.Balance == perVial
                    .Where(v => v.Label.Ndc == s.Ndc && v.Concentration == s.Strength)
                    .Aggregate(LedgerAmount.Zero, (sum, v) => sum + v.Balance));
        });

    [Fact]
    [Trait("Rule", "DEA-02")]
    [Trait("Vector", "TV-63")]
    public void GivenAnyDoseFullyAdministeredAndWasted_WhenReconciled_ThenBalancedAndVialKeepsReceivedMinusDrawn() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[1, 1000], Gen.Int[0, 1000]).Sample((strength, size, drawPermille, givenPermille) =>
        {
            var f = new LedgerFixtures();
            var protocol = TestProtocol();
            var receivedUl = (long)(VialMl[size] * 1000m);
            var drawnUl = Math.Max(1, receivedUl * drawPermille / 1000);
            var givenUl = drawnUl * givenPermille / 1000;
            var wastedUl = drawnUl - givenUl;
            var c = VialConcentration.FromMilligramsPerMillilitre(Strengths[strength]);
            LedgerAmount Of(long ul) => new(c.MassIn(new LiquidVolume(ul))!.Value, new LiquidVolume(ul));
            var label = Label();
            var events = new List<LedgerEvent>
            {
                f.Receipt(label, Strengths[strength], VialMl[size]),
                new LedgerEvent.Draw(f.NextId(), NurseA, T0, label, Dose1, Of(drawnUl).Mass, Of(drawnUl).Volume),
            };
            if (givenUl > 0)
            {
                events.Add(new LedgerEvent.Administer(f.NextId(), NurseA, T0, label, Dose1, Of(givenUl).Mass, Of(givenUl).Volume, "p"));
            }
            if (wastedUl > 0)
            {
                events.Add(new LedgerEvent.Waste(f.NextId(), NurseA, T0, label, Dose1, Of(wastedUl).Mass, Of(wastedUl).Volume, new WitnessSignature(NurseB, T0)));
            }
            var ledger = Build(protocol, events.ToArray());
            var vial = ledger.BalanceOf(label.Vial)!;
            return ledger.ReconcileDose(Dose1, T0, protocol) is DoseEventReconciliation.Balanced
                && vial.Balance == Of(receivedUl - drawnUl)
                && vial.Received == Of(receivedUl);
        });
}
