using KetamineClinic.Web.Features.DeviceFeed.Simulator;

namespace KetamineClinic.Web.Tests.DeviceFeed;

public sealed class SimulatedVitalsTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(20, 8, 6)]      // half way: +8/+5.5 (away from zero)
    [InlineData(40, 16, 11)]    // clinical-spec §4.1: peak rise at 40 min
    [InlineData(60, 8, 6)]
    [InlineData(80, 0, 0)]
    [InlineData(120, 0, 0)]
    [InlineData(-5, 0, 0)]
    public void GivenMinutesIntoTheInfusion_ThenBloodPressureRisesTowardPlus16Plus11At40Minutes(double minutes, int sbp, int dbp) =>
        Assert.Equal((sbp, dbp), SimulatedVitals.Rise(minutes));

    [Fact]
    public void GivenTheSameSeed_ThenTheSameBaselineEpisodeAndSamples()
    {
        var a = new SimulatedVitals(42);
        var b = new SimulatedVitals(42);

        Assert.Equal((a.BaselineSystolic, a.BaselineDiastolic, a.Episode), (b.BaselineSystolic, b.BaselineDiastolic, b.Episode));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => a.Sample(i, i)), Enumerable.Range(0, 50).Select(i => b.Sample(i, i)));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => a.Sample(i, i)), Enumerable.Range(0, 50).Select(i => new SimulatedVitals(43).Sample(i, i)));
    }

    [Fact]
    public void GivenManySessions_ThenBaselineSystolicPlusRiseStaysNearTheBaselineAt40MinutesWithoutEpisode()
    {
        foreach (var seed in Enumerable.Range(0, 200))
        {
            var v = new SimulatedVitals(seed);
            var sample = v.Sample(40, 1);
            if (v.EpisodeAt(40) == SimulatedEpisode.None)
            {
                Assert.InRange(sample.SystolicMmHg - v.BaselineSystolic, 16 - 3, 16 + 3);
                Assert.InRange(sample.DiastolicMmHg - v.BaselineDiastolic, 11 - 2, 11 + 2);
                Assert.InRange(sample.Spo2Percent, 95, 100);
            }
        }
    }

    [Fact]
    public void GivenAHypertensiveEpisode_ThenSystolicAbove180ForItsWholeDuration_AndNormalAfter()
    {
        var v = Enumerable.Range(0, 500).Select(s => new SimulatedVitals(s)).First(x => x.Episode == SimulatedEpisode.Hypertensive);
        var start = v.EpisodeStartMinute;

        for (var m = 0; m < SimulatedVitals.EpisodeMinutes(SimulatedEpisode.Hypertensive); m++)
        {
            var sample = v.Sample(start + m, m);
            Assert.InRange(sample.SystolicMmHg, 181, 189); // VS-BP-02 threshold is SBP > 180
            Assert.InRange(sample.DiastolicMmHg, 100, 130);
        }

        Assert.Equal(SimulatedEpisode.None, v.EpisodeAt(start + SimulatedVitals.EpisodeMinutes(SimulatedEpisode.Hypertensive)));
        Assert.InRange(v.Sample(start + 9, 99).SystolicMmHg, 100, 160);
    }

    [Fact]
    public void GivenADesaturation_ThenSpo2Is88To90DuringItOnly()
    {
        var v = Enumerable.Range(0, 500).Select(s => new SimulatedVitals(s)).First(x => x.Episode == SimulatedEpisode.Desaturation);

        Assert.InRange(v.Sample(v.EpisodeStartMinute + 1, 5).Spo2Percent, 88, 90);
        Assert.InRange(v.Sample(v.EpisodeStartMinute + 4, 6).Spo2Percent, 95, 100);
        Assert.Equal(SimulatedEpisode.None, v.EpisodeAt(v.EpisodeStartMinute - 0.1));
    }

    [Fact]
    public void GivenManySeeds_ThenSomeSessionsHaveEachEpisodeAndMostHaveNone()
    {
        var episodes = Enumerable.Range(0, 400).Select(s => new SimulatedVitals(s).Episode).ToList();

        Assert.InRange(episodes.Count(e => e == SimulatedEpisode.Hypertensive), 60, 140);
        Assert.InRange(episodes.Count(e => e == SimulatedEpisode.Desaturation), 40, 120);
        Assert.True(episodes.Count(e => e == SimulatedEpisode.None) > 200);
    }
}
