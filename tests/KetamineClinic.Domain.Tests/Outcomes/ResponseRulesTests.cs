using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class ResponseRulesTests
{
    [Fact]
    [Trait("Vector", "TV-14")]
    [Trait("Rule", "RESP-01")]
    public void GivenMadrs32To14_WhenComparing_ThenPct56Point25DisplayedHalfUp56Point3AndResponse()
    {
        var change = ResponseRules.Compare(32, 14);

        Assert.Equal(56.25m, change.PercentChange);
        Assert.Equal(56.3m, change.PercentChangeDisplay);
        Assert.True(change.Response);
        Assert.Equal(32, change.Baseline);
        Assert.Equal(14, change.Current);
    }

    [Fact]
    [Trait("Vector", "TV-14")]
    public void Given56Point25_WhenRoundedHalfEven_ThenBankersRoundingWouldShow56Point2ButDisplayShows56Point3()
    {
        var exact = ResponseRules.PercentChange(32, 14)!.Value;

        Assert.Equal(56.2m, Math.Round(exact, 1, MidpointRounding.ToEven));
        Assert.Equal(56.3m, ResponseRules.DisplayPercent(exact));
        Assert.NotEqual(Math.Round(exact, 1, MidpointRounding.ToEven), ResponseRules.DisplayPercent(exact));
    }

    [Fact]
    [Trait("Vector", "TV-16")]
    [Trait("Rule", "RESP-01")]
    public void GivenMadrs28To15_WhenComparing_ThenPct46Point4AndNoResponse()
    {
        var change = ResponseRules.Compare(28, 15);

        Assert.Equal(46.4m, change.PercentChangeDisplay);
        Assert.Equal(46.43m, Math.Round(change.PercentChange!.Value, 2, MidpointRounding.AwayFromZero));
        Assert.False(change.Response);
    }

    [Fact]
    [Trait("Vector", "TV-18")]
    [Trait("Rule", "RESP-01")]
    public void GivenHamD24To7_WhenComparing_ThenPct70Point8AndResponse()
    {
        var change = ResponseRules.Compare(24, 7);

        Assert.Equal(70.8m, change.PercentChangeDisplay);
        Assert.True(change.Response);
    }

    [Fact]
    [Trait("Vector", "TV-71")]
    [Trait("Rule", "RESP-01")]
    public void GivenHamD22To11_WhenExactlyHalf_ThenResponseTrueAndPct50Point0()
    {
        var change = ResponseRules.Compare(22, 11);

        Assert.True(change.Response);
        Assert.Equal(50.0m, change.PercentChangeDisplay);
        Assert.Equal(50m, change.PercentChange);
    }

    [Fact]
    [Trait("Vector", "TV-72")]
    [Trait("Rule", "RESP-01")]
    public void GivenMadrs31To16_WhenJustUnderHalf_ThenNoResponseAndPct48Point4()
    {
        var change = ResponseRules.Compare(31, 16);

        Assert.False(change.Response);
        Assert.Equal(48.4m, change.PercentChangeDisplay);
    }

    [Fact]
    [Trait("Vector", "TV-73")]
    [Trait("Rule", "RESP-01")]
    public void GivenBaselineZero_WhenComparing_ThenPctAndResponseAreNull()
    {
        var change = ResponseRules.Compare(0, 0);

        Assert.Null(change.PercentChange);
        Assert.Null(change.PercentChangeDisplay);
        Assert.Null(change.Response);
        Assert.Null(ResponseRules.IsResponse(0, 3));
        Assert.Null(ResponseRules.PercentChange(0, 3));
    }

    [Theory]
    [Trait("Rule", "RESP-01")]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, true)]
    [InlineData(3, 2, false)]
    [InlineData(3, 1, true)]
    [InlineData(20, 10, true)]
    [InlineData(20, 11, false)]
    [InlineData(21, 10, true)]
    [InlineData(21, 11, false)]
    [InlineData(60, 30, true)]
    [InlineData(60, 31, false)]
    [InlineData(10, 25, false)]
    public void GivenBaselineAndCurrent_WhenRespOneApplied_ThenIntegerRuleDecides(int baseline, int current, bool expected) =>
        Assert.Equal(expected, ResponseRules.IsResponse(baseline, current));

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenWorsening_WhenComparing_ThenNegativePctRoundedAwayFromZero()
    {
        Assert.Equal(-25m, ResponseRules.Compare(20, 25).PercentChangeDisplay);
        Assert.Equal(-12.3m, ResponseRules.DisplayPercent(-12.25m));
        Assert.Equal(12.3m, ResponseRules.DisplayPercent(12.25m));
        Assert.Equal(12.2m, ResponseRules.DisplayPercent(12.24m));
    }

    [Fact]
    public void GivenNegativeTotals_WhenComparing_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.Compare(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.Compare(3, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.IsResponse(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.IsResponse(3, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.PercentChange(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRules.PercentChange(3, -1));
    }
}
