using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

public sealed class PreInfusionGateTests
{
    private static readonly ClinicProtocol Protocol = ClinicProtocol.Default;

    /// <summary>First reading only, evaluated after the repeat window has passed (repeat missing).</summary>
    private static PreInfusionGateDecision Single(VitalsReading first) =>
        PreInfusionGate.Evaluate(first, null, first.TakenAt.AddMinutes(30), Protocol);

    private static PreInfusionGateDecision WithRepeat(VitalsReading first, VitalsReading repeat) =>
        PreInfusionGate.Evaluate(first, repeat, repeat.TakenAt, Protocol);

    private static RuleId[] Rules(PreInfusionGateDecision d) => [.. d.Findings.Select(f => f.Rule)];

    [Fact]
    [Trait("Vector", "TV-28")]
    [Trait("Rule", "BP-PRE-01")]
    public void GivenBp182Over96ThenRepeat181Over95_WhenGated_ThenDeferHardStop()
    {
        var first = Full(At(0), 182, 96);
        var repeat = Full(At(5), 181, 95);

        var decision = WithRepeat(first, repeat);

        var defer = Assert.IsType<PreInfusionGateDecision.Defer>(decision);
        Assert.Equal(GateOutcome.Defer, defer.Outcome);
        var finding = Assert.Single(defer.Findings);
        Assert.Equal(PreInfusionGate.BpPre01, finding.Rule);
        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.True(finding.OverrideAllowed);
        Assert.Equal(
            "BP-PRE-01: pre-infusion BP 181/95 mmHg is above 180/110: defer the infusion; a physician may override with a reason.",
            finding.Message);
        Assert.Same(repeat, defer.DecidingReading);
        Assert.Equal(RepeatResolution.RepeatDecided, defer.Resolution);
        Assert.Equal(new BloodPressure(181, 95), defer.Baseline.BloodPressure);
        Assert.Equal(Protocol.Version, defer.ProtocolVersion);
        Assert.False(defer.MayStartWithoutSignOff);
    }

    [Fact]
    [Trait("Vector", "TV-29")]
    [Trait("Rule", "BP-PRE-02")]
    public void GivenBp146Over92AndRepeatMissing_WhenGated_ThenWarnWithPhysicianRiskBenefitNote()
    {
        var decision = Single(Full(At(0), 146, 92));

        var warn = Assert.IsType<PreInfusionGateDecision.WarnWithSignOff>(decision);
        Assert.Equal(GateOutcome.WarnWithSignOff, warn.Outcome);
        var finding = Assert.Single(warn.Findings);
        Assert.Equal(PreInfusionGate.BpPre02, finding.Rule);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.True(finding.AcknowledgementAllowed);
        Assert.Contains("risk–benefit", finding.Message, StringComparison.Ordinal);
        Assert.Equal(RepeatResolution.RepeatMissing, warn.Resolution);
    }

    [Fact]
    [Trait("Vector", "TV-29")]
    [Trait("Rule", "BP-PRE-02")]
    public void GivenBp146Over92ConfirmedOnRepeat_WhenGated_ThenWarn()
    {
        var decision = WithRepeat(Full(At(0), 146, 92), Full(At(5), 146, 92));

        Assert.Equal(GateOutcome.WarnWithSignOff, decision.Outcome);
        Assert.Equal([PreInfusionGate.BpPre02], Rules(decision));
    }

    [Fact]
    [Trait("Vector", "TV-30")]
    public void GivenBp138Over88AndHr76_WhenGated_ThenProceedWithoutRepeat()
    {
        var first = Full(At(0), 138, 88, hr: 76);

        var decision = PreInfusionGate.Evaluate(first, null, At(0), Protocol);

        var proceed = Assert.IsType<PreInfusionGateDecision.Proceed>(decision);
        Assert.Empty(proceed.Findings);
        Assert.True(proceed.MayStartWithoutSignOff);
        Assert.Equal(RepeatResolution.NoRepeatNeeded, proceed.Resolution);
        Assert.Same(first, proceed.DecidingReading);
        Assert.Equal(new BloodPressure(138, 88), proceed.Baseline.BloodPressure);
        Assert.Equal(76, proceed.Baseline.HeartRate!.Value.BeatsPerMin);
        Assert.Equal(14, proceed.Baseline.RespiratoryRate!.Value.BreathsPerMin);
        Assert.Equal(At(0), proceed.Baseline.TakenAt);
    }

    [Fact]
    [Trait("Vector", "TV-30a")]
    [Trait("Rule", "BP-PRE-02")]
    public void GivenBpExactly140Over90_WhenGated_ThenNoGateBecauseComparisonIsStrict()
    {
        var decision = PreInfusionGate.Evaluate(Full(At(0), 140, 90), null, At(0), Protocol);

        Assert.Equal(GateOutcome.Proceed, decision.Outcome);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    [Trait("Vector", "TV-31")]
    [Trait("Rule", "HR-PRE-01")]
    public void GivenHr124_WhenGated_ThenDeferHardStopWithPhysicianOverride()
    {
        var decision = WithRepeat(Full(At(0), 120, 80, hr: 124), Full(At(5), 120, 80, hr: 124));

        Assert.Equal(GateOutcome.Defer, decision.Outcome);
        var finding = Assert.Single(decision.Findings);
        Assert.Equal(PreInfusionGate.HrPre01, finding.Rule);
        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.Equal("HR-PRE-01: pre-infusion HR 124 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.", finding.Message);
    }

    [Fact]
    [Trait("Vector", "TV-80")]
    [Trait("Rule", "SPO2-PRE-01")]
    public void GivenSpo291OnRoomAirTwice_WhenGated_ThenDeferPendingPhysicianReview()
    {
        var decision = WithRepeat(Full(At(0), 120, 80, spo2: 91), Full(At(5), 120, 80, spo2: 91));

        Assert.Equal(GateOutcome.Defer, decision.Outcome);
        var finding = Assert.Single(decision.Findings);
        Assert.Equal(PreInfusionGate.Spo2Pre01, finding.Rule);
        Assert.Equal(Enforcement.HardStop, finding.Level);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.Equal("SPO2-PRE-01: pre-infusion SpO2 91 % on room air is below 92 %: defer pending physician review; a physician may override with a reason.", finding.Message);
    }

    [Fact]
    [Trait("Vector", "TV-81")]
    [Trait("Rule", "HR-PRE-02")]
    public void GivenHr47ThenRepeat48_WhenGated_ThenWarnAndNotDeferred()
    {
        var decision = WithRepeat(Full(At(0), 120, 80, hr: 47), Full(At(5), 120, 80, hr: 48));

        Assert.Equal(GateOutcome.WarnWithSignOff, decision.Outcome);
        var finding = Assert.Single(decision.Findings);
        Assert.Equal(PreInfusionGate.HrPre02, finding.Rule);
        Assert.Equal(Enforcement.Warn, finding.Level);
        Assert.Equal("HR-PRE-02: pre-infusion HR 48 /min is below 50 /min: physician acknowledgement before starting.", finding.Message);
    }

    [Theory]
    [Trait("Rule", "BP-PRE-01")]
    [Trait("Rule", "BP-PRE-02")]
    [InlineData(180, 80, "BP-PRE-02")]
    [InlineData(181, 80, "BP-PRE-01")]
    [InlineData(150, 110, "BP-PRE-02")]
    [InlineData(150, 111, "BP-PRE-01")]
    [InlineData(180, 110, "BP-PRE-02")]
    [InlineData(141, 80, "BP-PRE-02")]
    [InlineData(140, 91, "BP-PRE-02")]
    public void GivenBpAroundTheDeferAndWarnEdges_WhenRepeatAgrees_ThenTheRightBpGateFires(int sbp, int dbp, string rule)
    {
        var decision = WithRepeat(Full(At(0), sbp, dbp), Full(At(5), sbp, dbp));

        Assert.Equal([new RuleId(rule)], Rules(decision));
    }

    [Theory]
    [Trait("Rule", "BP-PRE-03")]
    [InlineData(89, 70, true)]
    [InlineData(90, 70, false)]
    [InlineData(110, 59, true)]
    [InlineData(110, 60, false)]
    public void GivenLowBpAroundTheEdge_WhenGated_ThenBpPre03WarnsOnlyBelow90Over60(int sbp, int dbp, bool warns)
    {
        var decision = WithRepeat(Full(At(0), sbp, dbp), Full(At(5), sbp, dbp));

        if (warns)
        {
            var finding = Assert.Single(decision.Findings);
            Assert.Equal(PreInfusionGate.BpPre03, finding.Rule);
            Assert.Equal(Enforcement.Warn, finding.Level);
            Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
            Assert.Equal(GateOutcome.WarnWithSignOff, decision.Outcome);
        }
        else
        {
            Assert.Empty(decision.Findings);
            Assert.Equal(GateOutcome.Proceed, decision.Outcome);
        }
    }

    [Theory]
    [Trait("Rule", "HR-PRE-01")]
    [Trait("Rule", "HR-PRE-02")]
    [InlineData(44, "HR-PRE-01")]
    [InlineData(45, "HR-PRE-02")]
    [InlineData(49, "HR-PRE-02")]
    [InlineData(50, null)]
    [InlineData(120, null)]
    [InlineData(121, "HR-PRE-01")]
    public void GivenHeartRateAroundTheEdges_WhenGated_ThenTheRightHrGateFires(int hr, string? rule)
    {
        var decision = WithRepeat(Full(At(0), 120, 80, hr: hr), Full(At(5), 120, 80, hr: hr));

        Assert.Equal(rule is null ? [] : [new RuleId(rule)], Rules(decision));
    }

    [Theory]
    [Trait("Rule", "SPO2-PRE-01")]
    [InlineData(91, OxygenSupport.RoomAir, true)]
    [InlineData(92, OxygenSupport.RoomAir, false)]
    [InlineData(93, OxygenSupport.RoomAir, false)]
    [InlineData(91, OxygenSupport.SupplementalOxygen, true)]
    [InlineData(92, OxygenSupport.SupplementalOxygen, false)]
    public void GivenSpo2AroundTheEdge_WhenGated_ThenDeferOnlyBelow92(int spo2, OxygenSupport support, bool defers)
    {
        var decision = WithRepeat(Full(At(0), 120, 80, spo2: spo2, support: support), Full(At(5), 120, 80, spo2: spo2, support: support));

        Assert.Equal(defers ? GateOutcome.Defer : GateOutcome.Proceed, decision.Outcome);
        Assert.Equal(defers ? [PreInfusionGate.Spo2Pre01] : [], Rules(decision));
    }

    [Fact]
    [Trait("Rule", "BP-PRE-01")]
    public void GivenFirstReadingAbove180_WhenRepeatIs150Over95_ThenRepeatDecidesWarnNotDefer()
    {
        var decision = WithRepeat(Full(At(0), 185, 100), Full(At(5), 150, 95));

        Assert.Equal(GateOutcome.WarnWithSignOff, decision.Outcome);
        Assert.Equal([PreInfusionGate.BpPre02], Rules(decision));
        Assert.Equal(RepeatResolution.RepeatDecided, ((PreInfusionGateDecision.Decided)decision).Resolution);
    }

    [Fact]
    [Trait("Rule", "BP-PRE-01")]
    public void GivenFirstReadingAbove180_WhenRepeatIsNormal_ThenProceedOnTheRepeat()
    {
        var repeat = Full(At(5), 130, 80);

        var decision = WithRepeat(Full(At(0), 185, 100), repeat);

        var proceed = Assert.IsType<PreInfusionGateDecision.Proceed>(decision);
        Assert.Same(repeat, proceed.DecidingReading);
        Assert.Equal(new BloodPressure(130, 80), proceed.Baseline.BloodPressure);
    }

    [Fact]
    public void GivenAbnormalFirstReading_WhenRepeatNotYetTaken_ThenAwaitingRepeatFourToSixMinutesLater()
    {
        var decision = PreInfusionGate.Evaluate(Full(At(0), 185, 100), null, At(6), Protocol);

        var awaiting = Assert.IsType<PreInfusionGateDecision.AwaitingRepeat>(decision);
        Assert.Equal(GateOutcome.AwaitingRepeat, awaiting.Outcome);
        Assert.Equal(At(4), awaiting.RepeatDueFrom);
        Assert.Equal(At(6), awaiting.RepeatDueBy);
        Assert.Equal([PreInfusionGate.BpPre01], Rules(awaiting));
        Assert.False(awaiting.MayStartWithoutSignOff);
    }

    [Fact]
    public void GivenAbnormalFirstReading_WhenWindowHasJustPassedWithoutRepeat_ThenMostAbnormalReadingDecides()
    {
        var first = Full(At(0), 185, 100);

        var decision = PreInfusionGate.Evaluate(first, null, At(6).AddTicks(1), Protocol);

        var defer = Assert.IsType<PreInfusionGateDecision.Defer>(decision);
        Assert.Equal(RepeatResolution.RepeatMissing, defer.Resolution);
        Assert.Same(first, defer.DecidingReading);
    }

    [Theory]
    [InlineData(3, 59, RepeatResolution.RepeatOutsideWindow)]
    [InlineData(4, 0, RepeatResolution.RepeatDecided)]
    [InlineData(6, 0, RepeatResolution.RepeatDecided)]
    [InlineData(6, 1, RepeatResolution.RepeatOutsideWindow)]
    public void GivenRepeatAtTheWindowEdges_WhenGated_ThenOnlyFiveplusminusOneMinutesDecides(int minutes, int seconds, RepeatResolution expected)
    {
        var decision = WithRepeat(Full(At(0), 185, 100), Full(At(minutes, seconds), 130, 80));

        var decided = Assert.IsAssignableFrom<PreInfusionGateDecision.Decided>(decision);
        Assert.Equal(expected, decided.Resolution);
        Assert.Equal(expected == RepeatResolution.RepeatDecided ? GateOutcome.Proceed : GateOutcome.Defer, decision.Outcome);
    }

    [Fact]
    [Trait("Rule", "BP-PRE-01")]
    public void GivenRepeatOutsideWindow_WhenGated_ThenHigherValueDecidesUpperLimitsAndLowerValueDecidesLowerLimits()
    {
        // First: SBP 185 (upper limit); late repeat: HR 47 (lower limit) — both count.
        var first = Full(At(0), 185, 100, hr: 80);
        var late = Full(At(9), 130, 80, hr: 47);

        var decision = WithRepeat(first, late);

        var defer = Assert.IsType<PreInfusionGateDecision.Defer>(decision);
        Assert.Equal([PreInfusionGate.BpPre01, PreInfusionGate.HrPre02], Rules(defer));
        Assert.Equal(RepeatResolution.RepeatOutsideWindow, defer.Resolution);
        Assert.Same(first, defer.DecidingReading); // its own findings are the strictest (HARD STOP)
        Assert.Equal(new BloodPressure(185, 100), defer.Baseline.BloodPressure);
    }

    [Fact]
    public void GivenTwoReadingsOfEqualSeverityOutsideWindow_WhenGated_ThenTheLaterIsTheDecidingReading()
    {
        var late = Full(At(10), 150, 95);

        var decision = WithRepeat(Full(At(0), 146, 92), late);

        var warn = Assert.IsType<PreInfusionGateDecision.WarnWithSignOff>(decision);
        Assert.Same(late, warn.DecidingReading);
        Assert.Equal("BP-PRE-02: pre-infusion BP 150/95 mmHg is above 140/90: a physician documents the risk–benefit decision before starting.", warn.Findings[0].Message);
    }

    [Fact]
    public void GivenNormalFirstReadingAndAbnormalSecond_WhenGated_ThenTheAbnormalValueIsNotIgnored()
    {
        var decision = WithRepeat(Full(At(0), 130, 80), Full(At(3), 185, 100));

        var defer = Assert.IsType<PreInfusionGateDecision.Defer>(decision);
        Assert.Equal(RepeatResolution.UnrequestedRepeatConsidered, defer.Resolution);
        Assert.Equal([PreInfusionGate.BpPre01], Rules(defer));
    }

    [Fact]
    public void GivenRepeatWithoutHeartRate_WhenFirstHadLowHeartRate_ThenFirstHeartRateStillDecides()
    {
        var first = Full(At(0), 150, 95, hr: 47);
        var repeat = new VitalsReading(At(5), bloodPressure: new BloodPressure(130, 80));

        var decision = WithRepeat(first, repeat);

        Assert.Equal([PreInfusionGate.HrPre02], Rules(decision));
        var warn = Assert.IsType<PreInfusionGateDecision.WarnWithSignOff>(decision);
        Assert.Equal(new BloodPressure(130, 80), warn.Baseline.BloodPressure);
        Assert.Equal(47, warn.Baseline.HeartRate!.Value.BeatsPerMin); // taken from the first reading
    }

    [Fact]
    public void GivenNoSpo2Measured_WhenGated_ThenIncompleteNamingSpo2()
    {
        var first = new VitalsReading(At(0), new BloodPressure(120, 80), new HeartRate(70));

        var decision = PreInfusionGate.Evaluate(first, null, At(0), Protocol);

        var incomplete = Assert.IsType<PreInfusionGateDecision.Incomplete>(decision);
        Assert.Equal(GateOutcome.Incomplete, incomplete.Outcome);
        Assert.Equal([GatedVitalSign.Spo2], incomplete.Missing);
    }

    [Fact]
    public void GivenOnlySymptomsRecorded_WhenGated_ThenIncompleteNamingEveryGatedVitalSign()
    {
        var decision = PreInfusionGate.Evaluate(Symptoms(0, ReportedSymptoms.None), null, At(0), Protocol);

        var incomplete = Assert.IsType<PreInfusionGateDecision.Incomplete>(decision);
        Assert.Equal([GatedVitalSign.BloodPressure, GatedVitalSign.HeartRate, GatedVitalSign.Spo2], incomplete.Missing);
    }

    [Fact]
    public void GivenBpAboveDeferAndLowHeartRate_WhenGated_ThenBothFindingsAndNoBpPre02()
    {
        var decision = WithRepeat(Full(At(0), 190, 100, hr: 44), Full(At(5), 190, 100, hr: 44));

        Assert.Equal([PreInfusionGate.BpPre01, PreInfusionGate.HrPre01], Rules(decision));
        Assert.Equal(Enforcement.HardStop, Findings.Strictest(decision.Findings));
    }

    [Fact]
    public void GivenRepeatBeforeFirst_WhenGated_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => PreInfusionGate.Evaluate(Full(At(5), 120, 80), Full(At(0), 120, 80), At(10), Protocol));

    [Fact]
    public void GivenAsOfBeforeTheReadings_WhenGated_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => PreInfusionGate.Evaluate(Full(At(0), 120, 80), Full(At(5), 120, 80), At(4), Protocol));

    [Fact]
    public void GivenClinicProtocolWithStricterDeferThreshold_WhenGated_ThenProtocolValuesAndVersionAreUsed()
    {
        var protocol = ClinicProtocol.Default with
        {
            Version = new ProtocolVersion("2026.1"),
            Vitals = VitalsProtocol.Default with { PreInfusionDeferSystolicAboveMmHg = 170 },
        };

        var decision = PreInfusionGate.Evaluate(Full(At(0), 175, 80), Full(At(5), 175, 80), At(5), protocol);

        Assert.Equal(GateOutcome.Defer, decision.Outcome);
        Assert.Equal(new ProtocolVersion("2026.1"), decision.ProtocolVersion);
    }

    [Fact]
    public void GivenWiderRepeatTolerance_WhenRepeatAtSevenMinutes_ThenItDecides()
    {
        var protocol = ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { PreInfusionRepeatToleranceMinutes = 2 } };

        var decision = PreInfusionGate.Evaluate(Full(At(0), 185, 100), Full(At(7), 130, 80), At(7), protocol);

        Assert.Equal(RepeatResolution.RepeatDecided, Assert.IsAssignableFrom<PreInfusionGateDecision.Decided>(decision).Resolution);
    }
}

public sealed class PreInfusionGateFindingTextTests
{
    public static TheoryData<int, int, int, int, string, string[], string> Cases => new()
    {
        { 185, 100, 76, 98, "BP-PRE-01: pre-infusion BP 185/100 mmHg is above 180/110: defer the infusion; a physician may override with a reason.", ["C", "S61", "S25"], "BP-PRE-01" },
        { 146, 92, 76, 98, "BP-PRE-02: pre-infusion BP 146/92 mmHg is above 140/90: a physician documents the risk–benefit decision before starting.", ["C", "S1"], "BP-PRE-02" },
        { 88, 58, 76, 98, "BP-PRE-03: pre-infusion BP 88/58 mmHg is below 90/60: physician review before starting.", ["C", "S61"], "BP-PRE-03" },
        { 120, 80, 44, 98, "HR-PRE-01: pre-infusion HR 44 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.", ["C", "S61"], "HR-PRE-01" },
        { 120, 80, 46, 98, "HR-PRE-02: pre-infusion HR 46 /min is below 50 /min: physician acknowledgement before starting.", ["C"], "HR-PRE-02" },
        { 120, 80, 76, 90, "SPO2-PRE-01: pre-infusion SpO2 90 % on room air is below 92 %: defer pending physician review; a physician may override with a reason.", ["C", "S55"], "SPO2-PRE-01" },
    };

    [Theory]
    [Trait("Rule", "BP-PRE-01")]
    [Trait("Rule", "BP-PRE-02")]
    [Trait("Rule", "BP-PRE-03")]
    [Trait("Rule", "HR-PRE-01")]
    [Trait("Rule", "HR-PRE-02")]
    [Trait("Rule", "SPO2-PRE-01")]
    [MemberData(nameof(Cases))]
    public void GivenGateCondition_WhenGated_ThenFindingNamesValuesSourcesAndPhysician(int sbp, int dbp, int hr, int spo2, string message, string[] sources, string rule)
    {
        var first = Readings.Full(Readings.At(0), sbp, dbp, hr, spo2);

        var decision = PreInfusionGate.Evaluate(first, Readings.Full(Readings.At(5), sbp, dbp, hr, spo2), Readings.At(5), Domain.Protocol.ClinicProtocol.Default);

        var finding = Assert.Single(decision.Findings);
        Assert.Equal(rule, finding.Rule.Value);
        Assert.Equal(message, finding.Message);
        Assert.Equal(sources, finding.Sources);
        Assert.Equal(Domain.Rules.ClinicalAuthority.Physician, finding.Authority);
    }
}

public sealed class PreInfusionGateMostAbnormalTests
{
    private static PreInfusionGateDecision OutsideWindow(VitalsReading first, VitalsReading late) =>
        PreInfusionGate.Evaluate(first, late, late.TakenAt, Domain.Protocol.ClinicProtocol.Default);

    [Fact]
    public void GivenRuleIds_WhenRead_ThenMatchTheSpec() =>
        Assert.Equal(
            ["BP-PRE-01", "BP-PRE-02", "BP-PRE-03", "HR-PRE-01", "HR-PRE-02", "SPO2-PRE-01"],
            new[] { PreInfusionGate.BpPre01, PreInfusionGate.BpPre02, PreInfusionGate.BpPre03, PreInfusionGate.HrPre01, PreInfusionGate.HrPre02, PreInfusionGate.Spo2Pre01 }.Select(r => r.Value));

    [Theory]
    [Trait("Rule", "BP-PRE-03")]
    [InlineData(85, 70, 130, 80, "BP-PRE-03: pre-infusion BP 85/70 mmHg is below 90/60: physician review before starting.")]
    [InlineData(130, 80, 100, 55, "BP-PRE-03: pre-infusion BP 100/55 mmHg is below 90/60: physician review before starting.")]
    public void GivenOneLowReadingOutsideTheWindow_WhenGated_ThenTheLowerValueDecidesTheLowerLimit(int sbp1, int dbp1, int sbp2, int dbp2, string message)
    {
        var decision = OutsideWindow(Readings.Full(Readings.At(0), sbp1, dbp1), Readings.Full(Readings.At(8), sbp2, dbp2));

        Assert.Equal(message, Assert.Single(decision.Findings).Message);
    }

    [Theory]
    [Trait("Rule", "HR-PRE-01")]
    [InlineData(125, 80, "HR-PRE-01: pre-infusion HR 125 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.")]
    [InlineData(80, 125, "HR-PRE-01: pre-infusion HR 125 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.")]
    [InlineData(44, 80, "HR-PRE-01: pre-infusion HR 44 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.")]
    [InlineData(80, 44, "HR-PRE-01: pre-infusion HR 44 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.")]
    [InlineData(120, 44, "HR-PRE-01: pre-infusion HR 44 /min is outside 45–120 /min: defer the infusion; a physician may override with a reason.")]
    public void GivenOneAbnormalHeartRateOutsideTheWindow_WhenGated_ThenTheFindingNamesTheAbnormalValue(int hr1, int hr2, string message)
    {
        var decision = OutsideWindow(Readings.Full(Readings.At(0), 120, 80, hr: hr1), Readings.Full(Readings.At(8), 120, 80, hr: hr2));

        Assert.Equal(message, Assert.Single(decision.Findings).Message);
    }

    [Fact]
    [Trait("Rule", "SPO2-PRE-01")]
    public void GivenOneLowSpo2OutsideTheWindow_WhenGated_ThenTheLowerValueDefers()
    {
        var decision = OutsideWindow(Readings.Full(Readings.At(0), 120, 80, spo2: 97), Readings.Full(Readings.At(8), 120, 80, spo2: 90));

        Assert.Equal(GateOutcome.Defer, decision.Outcome);
        Assert.Contains("SpO2 90 %", Assert.Single(decision.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SPO2-PRE-01")]
    public void GivenLowFirstSpo2AndNormalRepeat_WhenRepeatDecides_ThenProceedOnTheRepeatSpo2()
    {
        var decision = PreInfusionGate.Evaluate(
            Readings.Full(Readings.At(0), 120, 80, spo2: 90),
            Readings.Full(Readings.At(5), 120, 80, spo2: 96),
            Readings.At(5),
            Domain.Protocol.ClinicProtocol.Default);

        Assert.Equal(GateOutcome.Proceed, decision.Outcome);
    }

    [Fact]
    public void GivenRepeatWithoutBp_WhenRepeatDecides_ThenTheFirstBpStillDecidesAndIsTheBaseline()
    {
        var first = Readings.Full(Readings.At(0), 120, 80, hr: 125);
        var repeat = new VitalsReading(Readings.At(5), heartRate: new HeartRate(80), spo2: new Spo2(97, OxygenSupport.RoomAir));

        var decision = PreInfusionGate.Evaluate(first, repeat, Readings.At(5), Domain.Protocol.ClinicProtocol.Default);

        var proceed = Assert.IsType<PreInfusionGateDecision.Proceed>(decision);
        Assert.Equal(new BloodPressure(120, 80), proceed.Baseline.BloodPressure);
        Assert.Equal(80, proceed.Baseline.HeartRate!.Value.BeatsPerMin);
        Assert.Equal(14, proceed.Baseline.RespiratoryRate!.Value.BreathsPerMin); // only the first had RR
    }

    [Fact]
    public void GivenRepeatWithoutSpo2_WhenFirstSpo2WasLow_ThenTheFirstSpo2StillDefers()
    {
        var first = Readings.Full(Readings.At(0), 120, 80, spo2: 90);
        var repeat = new VitalsReading(Readings.At(5), new BloodPressure(120, 80), new HeartRate(70));

        var decision = PreInfusionGate.Evaluate(first, repeat, Readings.At(5), Domain.Protocol.ClinicProtocol.Default);

        Assert.Equal([PreInfusionGate.Spo2Pre01], decision.Findings.Select(f => f.Rule));
    }

    [Fact]
    public void GivenDecidingReadingWithItsOwnRrAndTemperature_WhenBaselineBuilt_ThenItsValuesWinOverTheOtherReading()
    {
        var first = new VitalsReading(Readings.At(0), new BloodPressure(185, 100), new HeartRate(70), new Spo2(97, OxygenSupport.RoomAir), new RespiratoryRate(12), new BodyTemperature(36.5m));
        var repeat = new VitalsReading(Readings.At(5), new BloodPressure(130, 80), new HeartRate(72), new Spo2(97, OxygenSupport.RoomAir), new RespiratoryRate(16), new BodyTemperature(37.0m));

        var decided = Assert.IsAssignableFrom<PreInfusionGateDecision.Decided>(PreInfusionGate.Evaluate(first, repeat, Readings.At(5), Domain.Protocol.ClinicProtocol.Default));

        Assert.Equal((130, 72, 16, 37.0m), (decided.Baseline.BloodPressure.SystolicMmHg, decided.Baseline.HeartRate!.Value.BeatsPerMin, decided.Baseline.RespiratoryRate!.Value.BreathsPerMin, decided.Baseline.Temperature!.Value.Celsius));
    }

    [Fact]
    public void GivenDecidingReadingWithoutRrAndTemperature_WhenBaselineBuilt_ThenTheOtherReadingFillsThem()
    {
        var first = new VitalsReading(Readings.At(0), new BloodPressure(185, 100), new HeartRate(70), new Spo2(97, OxygenSupport.RoomAir), new RespiratoryRate(12), new BodyTemperature(36.5m));
        var repeat = new VitalsReading(Readings.At(5), new BloodPressure(130, 80), new HeartRate(72), new Spo2(97, OxygenSupport.RoomAir));

        var decided = Assert.IsAssignableFrom<PreInfusionGateDecision.Decided>(PreInfusionGate.Evaluate(first, repeat, Readings.At(5), Domain.Protocol.ClinicProtocol.Default));

        Assert.Equal((12, 36.5m), (decided.Baseline.RespiratoryRate!.Value.BreathsPerMin, decided.Baseline.Temperature!.Value.Celsius));
        Assert.Equal(Readings.At(5), decided.Baseline.TakenAt);
    }

    [Fact]
    public void GivenRepeatAtTheSameInstantAsTheFirst_WhenGated_ThenRejectedWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => PreInfusionGate.Evaluate(Readings.Full(Readings.At(0), 120, 80), Readings.Full(Readings.At(0), 120, 80), Readings.At(1), Domain.Protocol.ClinicProtocol.Default));

        Assert.StartsWith("The repeat must be taken after the first reading.", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("asOf must not be earlier", Assert.Throws<ArgumentException>(() => PreInfusionGate.Evaluate(Readings.Full(Readings.At(1), 120, 80), null, Readings.At(0), Domain.Protocol.ClinicProtocol.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNullArguments_WhenGated_ThenRejected()
    {
        Assert.Throws<ArgumentNullException>(() => PreInfusionGate.Evaluate(null!, null, Readings.At(0), Domain.Protocol.ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => PreInfusionGate.Evaluate(Readings.Full(Readings.At(0), 120, 80), null, Readings.At(0), null!));
    }
}
