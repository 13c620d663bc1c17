using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class RemissionRulesTests
{
    private static readonly ClinicProtocol Protocol = OutcomeFixtures.TestProtocol();

    private static ClinicProtocol MadrsAtMost12 => Protocol with
    {
        Outcomes = OutcomesProtocol.Default with
        {
            MadrsRemission = new RemissionCutoff(InstrumentId.Madrs, CutoffComparison.AtMost, 12, OutcomeRules.RemMadrs),
        },
    };

    [Fact]
    [Trait("Vector", "TV-14")]
    [Trait("Rule", "REM-MADRS")]
    public void GivenMadrs14_WhenCutoff10Or12_ThenNoRemissionEitherWay()
    {
        var at10 = RemissionRules.Evaluate(InstrumentId.Madrs, 14, Protocol)!;
        var at12 = RemissionRules.Evaluate(InstrumentId.Madrs, 14, MadrsAtMost12)!;

        Assert.False(at10.InRemission);
        Assert.False(at12.InRemission);
        Assert.Equal(10, at10.Cutoff.Value);
        Assert.Equal(12, at12.Cutoff.Value);
        Assert.Equal("≤10", at10.Cutoff.Display);
        Assert.Equal("≤12", at12.Cutoff.Display);
        Assert.Equal(14, at10.Total);
    }

    [Theory]
    [Trait("Rule", "REM-MADRS")]
    [InlineData(10, true, true)]
    [InlineData(11, false, true)]
    [InlineData(12, false, true)]
    [InlineData(13, false, false)]
    [InlineData(0, true, true)]
    public void GivenMadrsTotal_WhenDefaultOrOptionB_ThenCutoffBoundariesHold(int total, bool at10, bool at12)
    {
        Assert.Equal(at10, RemissionRules.Evaluate(InstrumentId.Madrs, total, Protocol)!.InRemission);
        Assert.Equal(at12, RemissionRules.Evaluate(InstrumentId.Madrs, total, MadrsAtMost12)!.InRemission);
    }

    [Theory]
    [Trait("Rule", "PHQ9-REM-01")]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(0, true)]
    public void GivenPhq9Total_WhenPhq9RemOneApplied_ThenRemissionIsStrictlyBelowFive(int total, bool expected)
    {
        var result = RemissionRules.Evaluate(InstrumentId.Phq9, total, Protocol)!;

        Assert.Equal(expected, result.InRemission);
        Assert.Equal("<5", result.Cutoff.Display);
        Assert.Equal("PHQ9-REM-01", result.Cutoff.Rule.Value);
        Assert.Equal(CutoffComparison.LessThan, result.Cutoff.Comparison);
    }

    [Fact]
    [Trait("Vector", "TV-73")]
    [Trait("Rule", "PHQ9-REM-01")]
    public void GivenPhq9BaselineZeroAndCurrentZero_WhenTrajectoryBuilt_ThenRemissionTrueWhilePctAndResponseNull()
    {
        var series = OutcomeFixtures.BaselineThen(InstrumentId.Phq9, 0, 0);

        var point = OutcomeTrajectory.Build(series, Protocol).Points[^1];

        Assert.True(point.InRemission);
        Assert.Null(point.Response);
        Assert.Null(point.PercentChangeDisplay);
        Assert.NotNull(point.Change);
    }

    [Theory]
    [Trait("Rule", "REM-QIDS-SR16")]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void GivenQidsTotal_WhenEvaluated_ThenRemissionAtMostFive(int total, bool expected)
    {
        var result = RemissionRules.Evaluate(InstrumentId.QidsSr16, total, Protocol)!;

        Assert.Equal(expected, result.InRemission);
        Assert.Equal("REM-QIDS-SR16", result.Cutoff.Rule.Value);
    }

    [Theory]
    [Trait("Vector", "TV-18")]
    [Trait("Vector", "TV-71")]
    [Trait("Rule", "REM-HAM-D17")]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(11, false)]
    public void GivenHamDTotal_WhenEvaluated_ThenRemissionAtMostSeven(int total, bool expected)
    {
        var result = RemissionRules.Evaluate(InstrumentId.HamD17, total, Protocol)!;

        Assert.Equal(expected, result.InRemission);
        Assert.Equal("≤7", result.Cutoff.Display);
        Assert.Equal("REM-HAM-D17", result.Cutoff.Rule.Value);
    }

    [Fact]
    public void GivenGad7_WhenEvaluated_ThenNoRemissionDefinition() =>
        Assert.Null(RemissionRules.Evaluate(InstrumentId.Gad7, 2, Protocol));

    [Fact]
    public void GivenNegativeTotal_WhenEvaluated_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RemissionRules.Evaluate(InstrumentId.Madrs, -1, Protocol));

    [Fact]
    public void GivenDefaultProtocol_WhenReadingCutoffs_ThenSpecDefaults()
    {
        var p = OutcomesProtocol.Default;

        Assert.Equal("madrs ≤10 (REM-MADRS)", p.MadrsRemission.ToString());
        Assert.Equal("phq-9 <5 (PHQ9-REM-01)", p.Phq9Remission.ToString());
        Assert.Equal("qids-sr16 ≤5 (REM-QIDS-SR16)", p.QidsSr16Remission.ToString());
        Assert.Equal("ham-d17 ≤7 (REM-HAM-D17)", p.HamD17Remission.ToString());
        Assert.Equal(RelapseRuleSet.Ketamine, p.RelapseRuleSet);
        Assert.True(p.BoosterSignalEnabled);
        Assert.True(p.BoosterEarlyWarning);
        Assert.Same(p, ClinicProtocol.Default.Outcomes);
        Assert.Null(p.RemissionCutoffFor(InstrumentId.Gad7));
        Assert.Null(p.RemissionCutoffFor(new InstrumentId("cadss")));
    }

    [Theory]
    [InlineData(CutoffComparison.AtMost, 9)]
    [InlineData(CutoffComparison.AtMost, 12)]
    [InlineData(CutoffComparison.LessThan, 10)]
    [InlineData(CutoffComparison.LessThan, 13)]
    public void GivenPublishedMadrsCutoff_WhenConfigured_ThenAccepted(CutoffComparison comparison, int value)
    {
        var cutoff = new RemissionCutoff(InstrumentId.Madrs, comparison, value, OutcomeRules.RemMadrs);

        var protocol = OutcomesProtocol.Default with { MadrsRemission = cutoff };

        Assert.Same(cutoff, protocol.MadrsRemission);
    }

    [Theory]
    [InlineData(CutoffComparison.AtMost, 8)]
    [InlineData(CutoffComparison.AtMost, 13)]
    [InlineData(CutoffComparison.LessThan, 9)]
    [InlineData(CutoffComparison.LessThan, 14)]
    public void GivenMadrsCutoffOutsidePublishedOptions_WhenConfigured_ThenRejected(CutoffComparison comparison, int value)
    {
        var cutoff = new RemissionCutoff(InstrumentId.Madrs, comparison, value, OutcomeRules.RemMadrs);

        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { MadrsRemission = cutoff });
    }

    [Fact]
    public void GivenCutoffsAtTheirBandLimits_WhenConfigured_ThenAcceptedAndOneAboveRejected()
    {
        _ = OutcomesProtocol.Default with { Phq9Remission = new RemissionCutoff(InstrumentId.Phq9, CutoffComparison.AtMost, 9, "PHQ9-REM-01") };
        _ = OutcomesProtocol.Default with { Phq9Remission = new RemissionCutoff(InstrumentId.Phq9, CutoffComparison.AtMost, 0, "PHQ9-REM-01") };
        _ = OutcomesProtocol.Default with { QidsSr16Remission = new RemissionCutoff(InstrumentId.QidsSr16, CutoffComparison.AtMost, 10, "X") };
        _ = OutcomesProtocol.Default with { HamD17Remission = new RemissionCutoff(InstrumentId.HamD17, CutoffComparison.AtMost, 16, "X") };

        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { Phq9Remission = new RemissionCutoff(InstrumentId.Phq9, CutoffComparison.AtMost, 10, "X") });
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { QidsSr16Remission = new RemissionCutoff(InstrumentId.QidsSr16, CutoffComparison.AtMost, 11, "X") });
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { HamD17Remission = new RemissionCutoff(InstrumentId.HamD17, CutoffComparison.AtMost, 17, "X") });
    }

    [Fact]
    public void GivenCutoffOfAnotherInstrument_WhenConfigured_ThenRejected()
    {
        var phq = new RemissionCutoff(InstrumentId.Phq9, CutoffComparison.AtMost, 10, "X");

        var ex = Assert.Throws<ArgumentException>(() => OutcomesProtocol.Default with { MadrsRemission = phq });
        Assert.Contains("phq-9", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OutcomesProtocol.Default with { Phq9Remission = OutcomesProtocol.Default.MadrsRemission });
        Assert.Throws<ArgumentException>(() => OutcomesProtocol.Default with { QidsSr16Remission = OutcomesProtocol.Default.MadrsRemission });
        Assert.Throws<ArgumentException>(() => OutcomesProtocol.Default with { HamD17Remission = OutcomesProtocol.Default.MadrsRemission });
        Assert.Throws<ArgumentNullException>(() => OutcomesProtocol.Default with { MadrsRemission = null! });
    }

    [Fact]
    public void GivenUnknownRelapseRuleSet_WhenConfigured_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { RelapseRuleSet = (RelapseRuleSet)7 });

    [Theory]
    [InlineData(CutoffComparison.AtMost, -1)]
    [InlineData(CutoffComparison.AtMost, 61)]
    [InlineData(CutoffComparison.LessThan, 0)]
    [InlineData((CutoffComparison)5, 10)]
    public void GivenCutoffOutsideInstrumentRange_WhenCreated_ThenRejected(CutoffComparison comparison, int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemissionCutoff(InstrumentId.Madrs, comparison, value, "X"));

    [Fact]
    public void GivenCutoffAtInstrumentExtremes_WhenCreated_ThenAccepted()
    {
        Assert.Equal(60, new RemissionCutoff(InstrumentId.Madrs, CutoffComparison.AtMost, 60, "X").Value);
        Assert.Equal(0, new RemissionCutoff(InstrumentId.Madrs, CutoffComparison.AtMost, 0, "X").Value);
        Assert.Equal(1, new RemissionCutoff(InstrumentId.Madrs, CutoffComparison.LessThan, 1, "X").Value);
        Assert.Equal(500, new RemissionCutoff(new InstrumentId("local-scale"), CutoffComparison.AtMost, 500, "X").Value);
    }
}
