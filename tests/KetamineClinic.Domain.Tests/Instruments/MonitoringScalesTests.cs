using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class MonitoringScalesTests
{
    [Fact]
    [Trait("Vector", "TV-65")]
    public void GivenAll23CadssItemsAt1_WhenScoring_ThenTotal23()
    {
        var result = Scored(InstrumentIds.Cadss23, Enumerable.Repeat<int?>(1, 23).ToArray());

        Assert.Equal(23, result.Total);
        Assert.Null(result.Band);
        Assert.Empty(result.SuicideRiskTriggers);
    }

    [Fact]
    [Trait("Vector", "TV-67")]
    public void GivenOneCadssItemAt5_WhenScoring_ThenValidationErrorWithRange0To4()
    {
        var values = Enumerable.Repeat<int?>(0, 23).ToArray();
        values[11] = 5;

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Cadss23, Numbered(values))).Errors);

        Assert.Equal(ValidationProblem.OutOfRange, error.Problem);
        Assert.Equal("12", error.ItemLinkId);
        Assert.Equal("CADSS (23 items) item 12 (CADSS item 12): 5 is outside the allowed range 0–4 (SCALE-01).", error.Message);
    }

    [Fact]
    public void GivenAllCadssItemsAt4_WhenScoring_ThenTotal92()
    {
        Assert.Equal(92, Scored(InstrumentIds.Cadss23, Enumerable.Repeat<int?>(4, 23).ToArray()).Total);
        Assert.Equal((0, 92), (Cadss.Definition.TotalMin, Cadss.Definition.TotalMax));
        Assert.Equal(["Not at all", "Slightly", "Moderately", "Considerably", "Extremely"], Cadss.Definition.Items[0].Options.Select(o => o.Display));
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenCadssItem23Missing_WhenScoring_ThenIncomplete()
    {
        var values = Enumerable.Repeat<int?>(2, 22).ToArray();

        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.Cadss23, Numbered(values)));

        Assert.Equal("23", Assert.Single(result.MissingAnswers).LinkId);
    }

    [Theory]
    [Trait("Rule", "VS-SED-01")]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void GivenMoaasScore_WhenCheckingSedationStopThreshold_ThenAtOrBelow2Stops(int score, bool stops) =>
        Assert.Equal(stops, Moaas.IsAtOrBelowSedationStopThreshold(score, ClinicProtocol.Default));

    [Fact]
    [Trait("Rule", "VS-SED-01")]
    public void GivenProtocolThreshold3_WhenMoaas3_ThenStops()
    {
        var protocol = new ClinicProtocol { Instruments = InstrumentsProtocol.Default with { MoaasSedationStopAtOrBelow = 3 } };

        Assert.True(Moaas.IsAtOrBelowSedationStopThreshold(3, protocol));
        Assert.False(Moaas.IsAtOrBelowSedationStopThreshold(4, protocol));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void GivenMoaasOutside0To5_WhenCheckingThreshold_ThenRejected(int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Moaas.IsAtOrBelowSedationStopThreshold(score, ClinicProtocol.Default));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void GivenMoaasRating_WhenScoring_ThenTotalIsTheRating(int rating)
    {
        var result = Scored(InstrumentIds.Moaas, rating);

        Assert.Equal(rating, result.Total);
        Assert.Equal("moaas-score", Moaas.Definition.TotalCode!.Code);
        Assert.Equal((0, 5), (Moaas.Definition.TotalMin, Moaas.Definition.TotalMax));
    }

    [Fact]
    public void GivenMoaas6_WhenScoring_ThenRejected() =>
        Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Moaas, Numbered(6)));

    [Fact]
    public void GivenBprsPositiveItems_WhenScoring_ThenTotalIsSumOf4To28()
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["4"] = 1, ["11"] = 3, ["12"] = 7, ["15"] = 2 };

        var result = Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.BprsPositive, answers));

        Assert.Equal(13, result.Total);
        Assert.Null(result.Band);
        Assert.Equal((4, 28), (BprsPositive.Definition.TotalMin, BprsPositive.Definition.TotalMax));
        Assert.Equal(["4", "11", "12", "15"], BprsPositive.Definition.Items.Select(i => i.LinkId));
    }

    [Fact]
    public void GivenBprsItemRated0_WhenScoring_ThenRejectedBecauseTheScaleStartsAt1()
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["4"] = 0, ["11"] = 1, ["12"] = 1, ["15"] = 1 };

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.BprsPositive, answers)).Errors);

        Assert.Equal("BPRS positive-symptom subscale item 4 (Conceptual disorganization): 0 is outside the allowed range 1–7 (SCALE-01).", error.Message);
    }

    [Fact]
    public void GivenBeckSsiAnswers_WhenScoring_ThenTotalWithoutBandsOrTriggers()
    {
        var result = Scored(InstrumentIds.BeckSsi, Enumerable.Repeat<int?>(2, 19).ToArray());

        Assert.Equal(38, result.Total);
        Assert.Null(result.Band);
        Assert.Empty(result.SuicideRiskTriggers);
        Assert.Equal((0, 38), (BeckSsi.Definition.TotalMin, BeckSsi.Definition.TotalMax));
        Assert.Equal("beck-ssi-total", BeckSsi.Definition.TotalCode!.Code);
    }

    [Fact]
    public void GivenBeckSsiItemAt3_WhenScoring_ThenRejected() =>
        Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.BeckSsi, Numbered([.. Enumerable.Repeat<int?>(0, 18), 3])));
}
