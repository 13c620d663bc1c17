using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Tests.Infusions.PreInfusion;

public sealed class PreInfusionChecklistTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 27);
    private static readonly ClinicProtocol P = ClinicProtocol.Default;

    private static PreInfusionGateDecision Gate(int sbp, int dbp) =>
        PreInfusionGate.Evaluate(new VitalsReading(T0, new BloodPressure(sbp, dbp), new HeartRate(72), new Spo2(98, OxygenSupport.RoomAir)), null, T0, P);

    private static InstrumentResult Phq9(int item9 = 0) =>
        InstrumentCatalog.Score(InstrumentIds.Phq9, Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => ItemAnswer.Of(i == 9 ? item9 : 0m)), P);

    private static InstrumentResult Cssrs(bool q4 = false) =>
        InstrumentCatalog.Score(InstrumentIds.CssrsRecent, q4
            ? new Dictionary<string, ItemAnswer> { ["1"] = true, ["2"] = true, ["3"] = true, ["4"] = true, ["5"] = false, ["6"] = false }
            : new Dictionary<string, ItemAnswer> { ["1"] = false, ["2"] = false, ["6"] = false }, P);

    private static PreInfusionFacts Facts(PreInfusionGateDecision? gate = null, bool weight = true, InstrumentResult? phq9 = null, InstrumentResult? cssrs = null, bool escort = true, bool consent = true, ReproductivePotential potential = ReproductivePotential.No) =>
        new(gate ?? Gate(120, 80), weight, phq9 ?? Phq9(), cssrs ?? Cssrs(), escort, consent, new PatientScreeningFacts(new DateOnly(1980, 1, 1), [], potential), Day);

    [Fact]
    public void GivenEverythingRecordedAndNormal_WhenEvaluated_ThenProceedWithTheProtocolVersion()
    {
        var d = PreInfusionChecklist.Evaluate(Facts(), P);

        Assert.Equal((PreInfusionOutcome.Proceed, SuicideRiskLevel.None, P.Version), (d.Outcome, d.SuicideRiskLevel, d.ProtocolVersion));
        Assert.DoesNotContain(d.Findings, f => f.Level >= Enforcement.Warn);
    }

    [Theory]
    [Trait("Rule", "PRE-WT-01")]
    [Trait("Rule", "PRE-ESCORT-01")]
    [Trait("Rule", "PRE-CONSENT-01")]
    [Trait("Rule", "PRE-VS-01")]
    [InlineData("PRE-WT-01")]
    [InlineData("PRE-ESCORT-01")]
    [InlineData("PRE-CONSENT-01")]
    [InlineData("PRE-VS-01")]
    public void GivenOneItemMissing_WhenEvaluated_ThenIncompleteWithThatRuleAsBlock(string rule)
    {
        var facts = rule switch
        {
            "PRE-WT-01" => Facts(weight: false),
            "PRE-ESCORT-01" => Facts(escort: false),
            "PRE-CONSENT-01" => Facts(consent: false),
            _ => new PreInfusionFacts(null, true, Phq9(), Cssrs(), true, true, new PatientScreeningFacts(new DateOnly(1980, 1, 1), [], ReproductivePotential.No), Day),
        };

        var d = PreInfusionChecklist.Evaluate(facts, P);

        Assert.Equal(PreInfusionOutcome.Incomplete, d.Outcome);
        Assert.Equal(Enforcement.Block, Assert.Single(d.Findings, f => f.Rule.Value == rule).Level);
    }

    [Fact]
    [Trait("Rule", "PRE-VS-01")]
    [Trait("Rule", "BP-PRE-01")]
    public void GivenAFirstReadingOf190Over115_WhenTheRepeatIsNotYetTaken_ThenIncompleteAndTheProvisionalFindingIsInfoOnly()
    {
        var d = PreInfusionChecklist.Evaluate(Facts(gate: Gate(190, 115)), P);

        Assert.Equal(PreInfusionOutcome.Incomplete, d.Outcome);
        Assert.Equal(Enforcement.Info, Assert.Single(d.Findings, f => f.Rule.Value == "BP-PRE-01").Level);
        Assert.Contains(d.Findings, f => f.Rule.Value == "PRE-VS-01" && f.Level == Enforcement.Block);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenCssrsIntentYes_WhenEvaluated_ThenSi3DefersAsHardStop()
    {
        var d = PreInfusionChecklist.Evaluate(Facts(cssrs: Cssrs(q4: true)), P);

        Assert.Equal((PreInfusionOutcome.Defer, SuicideRiskLevel.SI3), (d.Outcome, d.SuicideRiskLevel));
        Assert.Equal(Enforcement.HardStop, Assert.Single(d.Findings, f => f.Rule.Value == "SI-ESC-01").Level);
    }

    [Fact]
    [Trait("Rule", "SI-ESC-01")]
    public void GivenPhq9Item9Of1_WhenEvaluated_ThenSi1NeedsThePhysiciansSignOff()
    {
        var d = PreInfusionChecklist.Evaluate(Facts(phq9: Phq9(item9: 1)), P);

        Assert.Equal(PreInfusionOutcome.SignOffRequired, d.Outcome);
        var warn = Assert.Single(d.NeedsSignOff);
        Assert.Equal(("SI-ESC-01", ClinicalAuthority.Physician), (warn.Rule.Value, warn.Authority));
    }

    [Fact]
    [Trait("Rule", "PREG-01")]
    public void GivenAPersonOfReproductivePotentialWithoutATest_WhenEvaluated_ThenIncompleteNotDeferred()
    {
        var d = PreInfusionChecklist.Evaluate(Facts(potential: ReproductivePotential.Yes), P);

        Assert.Equal(PreInfusionOutcome.Incomplete, d.Outcome);
        Assert.Equal(Enforcement.HardStop, Assert.Single(d.Findings, f => f.Rule.Value == "PREG-01").Level);
    }

    [Fact]
    [Trait("Rule", "INF-SCALE-01")]
    public void GivenTheDefaultProtocol_ThenScalesAreDueAt40MinutesAndTheRangeIsChecked()
    {
        Assert.Equal(40, InfusionDayProtocol.Default.ScalesDueAtInfusionMinute);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InfusionDayProtocol { ScalesDueAtInfusionMinute = 4 });
        Assert.Equal(100, new InfusionDayProtocol { ScalesDueAtInfusionMinute = 100 }.ScalesDueAtInfusionMinute);
    }
}
