using KetamineClinic.Domain.Instruments;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class Gad7Tests
{
    [Fact]
    [Trait("Vector", "TV-08")]
    public void GivenPacioSampleAnswers_WhenScoringGad7_ThenTotal7Mild()
    {
        var result = Scored(InstrumentIds.Gad7, 1, 1, 1, 1, 0, 1, 2);

        Assert.Equal(7, result.Total);
        Assert.Equal("Mild", result.Band!.Display);
        Assert.Empty(result.SuicideRiskTriggers);
        Assert.Equal(new InstrumentRef("gad-7", "1.0.0"), result.Instrument);
    }

    [Fact]
    [Trait("Vector", "TV-09")]
    public void GivenPacioJanuarySample_WhenScoringGad7_ThenTotal4Minimal()
    {
        var result = Scored(InstrumentIds.Gad7, 1, 0, 0, 1, 0, 1, 1);

        Assert.Equal(4, result.Total);
        Assert.Equal("Minimal", result.Band!.Display);
    }

    [Theory]
    [InlineData(0, "Minimal")]
    [InlineData(4, "Minimal")]
    [InlineData(5, "Mild")]
    [InlineData(9, "Mild")]
    [InlineData(10, "Moderate")]
    [InlineData(14, "Moderate")]
    [InlineData(15, "Severe")]
    [InlineData(21, "Severe")]
    public void GivenTotalAtBandEdge_WhenScoringGad7_ThenBandIsExact(int total, string band)
    {
        var result = Scored(InstrumentIds.Gad7, SummingTo(total, 7, 3));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band!.Display);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem7Missing_WhenScoringGad7_ThenIncompleteUnderScale01()
    {
        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.Gad7, Numbered(3, 3, 3, 3, 3, 3, null)));

        Assert.Equal("SCALE-01", result.Rule.Value);
        Assert.Equal("7", Assert.Single(result.MissingAnswers).LinkId);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenItemOf4_WhenScoringGad7_ThenRejectedUnderScale01()
    {
        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Gad7, Numbered(0, 0, 0, 0, 0, 4, 0))).Errors);

        Assert.Equal("SCALE-01", error.Rule.Value);
        Assert.Equal("GAD-7 item 6 (Easily annoyed or irritable): 4 is outside the allowed range 0–3 (SCALE-01).", error.Message);
    }

    [Fact]
    public void GivenGad7Definition_ThenPanelAndTotalLoincsAreTheVerifiedOnes()
    {
        var definition = Gad7.Definition;

        Assert.Equal("69737-5", definition.PanelCode!.Code);
        Assert.Equal("70274-6", definition.TotalCode!.Code);
        Assert.Equal(CodeSystems.Loinc, definition.TotalCode.System);
        Assert.All(definition.Items, i => Assert.Null(i.Code));
        Assert.Equal((0, 21), (definition.TotalMin, definition.TotalMax));
        Assert.Null(definition.SuicideItem);
        Assert.Equal(7, definition.Items.Count);
    }
}
