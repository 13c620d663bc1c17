using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Protocol;

public sealed class InstrumentsProtocolTests
{
    [Fact]
    public void GivenDefaults_ThenSpecValues()
    {
        var p = ClinicProtocol.Default.Instruments;

        Assert.Same(InstrumentsProtocol.Default, p);
        Assert.Equal(72, p.FollowUpWithinHours);
        Assert.Equal(30, p.CssrsRecentScreenerAfterDays);
        Assert.Equal(MadrsBandScheme.Snaith, p.MadrsBands);
        Assert.Equal(2, p.MoaasSedationStopAtOrBelow);
        Assert.Equal((1, (int?)null, (int?)null), (p.Phq9Item9.Si1From, p.Phq9Item9.Si2From, p.Phq9Item9.Si3From));
        Assert.Equal((1, (int?)3, (int?)null), (p.QidsItem12.Si1From, p.QidsItem12.Si2From, p.QidsItem12.Si3From));
        Assert.Equal((2, (int?)4, (int?)6), (p.MadrsItem10.Si1From, p.MadrsItem10.Si2From, p.MadrsItem10.Si3From));
        Assert.Equal((1, (int?)3, (int?)4), (p.HamdItem3.Si1From, p.HamdItem3.Si2From, p.HamdItem3.Si3From));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(169)]
    public void GivenFollowUpOutside1To168Hours_WhenConfiguring_ThenRejected(int hours)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { FollowUpWithinHours = hours });

        Assert.StartsWith("FollowUpWithinHours must be between 1 and 168.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("FollowUpWithinHours", ex.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(168)]
    public void GivenFollowUpAtLimits_WhenConfiguring_ThenAccepted(int hours) =>
        Assert.Equal(hours, (InstrumentsProtocol.Default with { FollowUpWithinHours = hours }).FollowUpWithinHours);

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void GivenCssrsDaysOutside1To365_WhenConfiguring_ThenRejected(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { CssrsRecentScreenerAfterDays = days });

    [Theory]
    [InlineData(1)]
    [InlineData(365)]
    public void GivenCssrsDaysAtLimits_WhenConfiguring_ThenAccepted(int days) =>
        Assert.Equal(days, (InstrumentsProtocol.Default with { CssrsRecentScreenerAfterDays = days }).CssrsRecentScreenerAfterDays);

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void GivenMoaasThresholdOutside0To4_WhenConfiguring_ThenRejected(int threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { MoaasSedationStopAtOrBelow = threshold });

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void GivenMoaasThresholdAtLimits_WhenConfiguring_ThenAccepted(int threshold) =>
        Assert.Equal(threshold, (InstrumentsProtocol.Default with { MoaasSedationStopAtOrBelow = threshold }).MoaasSedationStopAtOrBelow);

    [Fact]
    public void GivenUnknownMadrsScheme_WhenConfiguring_ThenRejected() =>
        Assert.StartsWith(
            "Unknown MADRS band scheme.",
            Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { MadrsBands = (MadrsBandScheme)7 }).Message,
            StringComparison.Ordinal);

    [Fact]
    public void GivenAlternativeMadrsScheme_WhenConfiguring_ThenKept() =>
        Assert.Equal(MadrsBandScheme.CutPoints12To24To35, (new InstrumentsProtocol() with { MadrsBands = MadrsBandScheme.CutPoints12To24To35 }).MadrsBands);

    [Fact]
    public void GivenThresholdsAboveTheItemRange_WhenConfiguring_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { Phq9Item9 = new(4, null, null) });
        Assert.StartsWith("Phq9Item9: every threshold must lie within the item's range 0–3.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { QidsItem12 = new(1, 4, null) });
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { MadrsItem10 = new(2, 4, 7) });
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentsProtocol.Default with { HamdItem3 = new(1, 3, 5) });
        Assert.Throws<ArgumentNullException>(() => InstrumentsProtocol.Default with { HamdItem3 = null! });
    }

    [Fact]
    public void GivenThresholdsAtTheItemMaximum_WhenConfiguring_ThenAccepted()
    {
        var p = InstrumentsProtocol.Default with
        {
            Phq9Item9 = new(3, null, null),
            QidsItem12 = new(1, 2, 3),
            MadrsItem10 = new(2, 4, 6),
            HamdItem3 = new(2, 3, 4),
        };

        Assert.Equal(3, p.Phq9Item9.HighestFrom);
        Assert.Equal(3, p.QidsItem12.HighestFrom);
    }

    [Theory]
    [InlineData(0, null, null, "SI-1 threshold must be at least 1 (0 is 'no symptom').")]
    [InlineData(2, 2, null, "SI-2 threshold must be above the SI-1 threshold.")]
    [InlineData(2, 1, null, "SI-2 threshold must be above the SI-1 threshold.")]
    [InlineData(1, 3, 3, "SI-3 threshold must be above the lower thresholds.")]
    [InlineData(2, null, 2, "SI-3 threshold must be above the lower thresholds.")]
    public void GivenThresholdsNotAscendingOrBelow1_WhenCreating_ThenRejected(int si1, int? si2, int? si3, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentOutOfRangeException>(() => new SafetyItemThresholds(si1, si2, si3)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(1, null, 2)]
    public void GivenAscendingThresholds_WhenCreating_ThenAccepted(int si1, int? si2, int? si3) =>
        Assert.Equal(si3, new SafetyItemThresholds(si1, si2, si3).Si3From);

    [Theory]
    [InlineData(0, SuicideRiskLevel.None)]
    [InlineData(1, SuicideRiskLevel.None)]
    [InlineData(2, SuicideRiskLevel.SI1)]
    [InlineData(4, SuicideRiskLevel.SI1)]
    [InlineData(5, SuicideRiskLevel.SI3)]
    public void GivenThresholdsWithoutSi2_WhenMapping_ThenSi1UntilSi3(int value, SuicideRiskLevel expected) =>
        Assert.Equal(expected, new SafetyItemThresholds(2, null, 5).LevelFor(value));

    [Fact]
    public void GivenThresholds_ThenHighestFromIsTheHighestSet()
    {
        Assert.Equal(5, new SafetyItemThresholds(2, null, 5).HighestFrom);
        Assert.Equal(3, new SafetyItemThresholds(1, 3, null).HighestFrom);
        Assert.Equal(1, new SafetyItemThresholds(1, null, null).HighestFrom);
    }
}
