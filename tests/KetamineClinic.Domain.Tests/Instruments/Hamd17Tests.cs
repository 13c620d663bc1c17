using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class Hamd17Tests
{
    private static readonly int[] ItemMaxima = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2];

    [Fact]
    [Trait("Vector", "TV-69")]
    [Trait("Rule", "HAMD-01")]
    [Trait("Rule", "HAMD-SAFETY-01")]
    public void GivenTv69Items_WhenScoringHamd_ThenTotal30SevereAndSi3()
    {
        var result = Scored(InstrumentIds.Hamd17, 3, 2, 4, 2, 1, 1, 3, 2, 1, 3, 2, 1, 1, 1, 1, 1, 1);

        Assert.Equal(30, result.Total);
        Assert.Equal("Severe", result.Band!.Display);
        var trigger = Assert.Single(result.SuicideRiskTriggers);
        Assert.Equal(("HAMD-SAFETY-01", SuicideRiskLevel.SI3, "3", 4), (trigger.Rule.Value, trigger.Level, trigger.ItemLinkId, trigger.ItemValue));
    }

    [Fact]
    [Trait("Rule", "HAMD-01")]
    public void GivenHamdDefinition_ThenNineItemsAre0To4AndEightAre0To2()
    {
        var definition = Hamd17.Definition;

        Assert.Equal(ItemMaxima, definition.Items.Select(i => i.MaxValue));
        Assert.All(definition.Items, i => Assert.Equal(0, i.MinValue));
        Assert.Equal((0, 52), (definition.TotalMin, definition.TotalMax));
        Assert.Equal("hamd-17-total", definition.TotalCode!.Code);
        Assert.Equal(CodeSystems.InstrumentScores, definition.TotalCode.System);
    }

    [Theory]
    [Trait("Rule", "HAMD-01")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    public void GivenItemOneAboveItsMaximum_WhenScoringHamd_ThenRejectedNamingTheRange(int itemNumber)
    {
        var max = ItemMaxima[itemNumber - 1];
        var values = new int?[17];
        Array.Fill(values, 0);
        values[itemNumber - 1] = max;
        Assert.IsType<InstrumentResult.Scored>(Score(InstrumentIds.Hamd17, Numbered(values)));

        values[itemNumber - 1] = max + 1;
        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Hamd17, Numbered(values))).Errors);

        Assert.Equal("HAMD-01", error.Rule.Value);
        Assert.Equal(itemNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), error.ItemLinkId);
        Assert.Contains($"{max + 1} is outside the allowed range 0–{max} (HAMD-01).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "HAMD-01")]
    public void GivenInsomniaItemOf3_WhenScoringHamd_ThenRejectedWithExactMessage()
    {
        var values = new int?[17];
        Array.Fill(values, 0);
        values[3] = 3;

        var error = Assert.Single(Assert.IsType<InstrumentResult.Invalid>(Score(InstrumentIds.Hamd17, Numbered(values))).Errors);

        Assert.Equal("HAM-D17 item 4 (Insomnia: early): 3 is outside the allowed range 0–2 (HAMD-01).", error.Message);
    }

    [Theory]
    [InlineData(0, "None")]
    [InlineData(7, "None")]
    [InlineData(8, "Mild")]
    [InlineData(16, "Mild")]
    [InlineData(17, "Moderate")]
    [InlineData(23, "Moderate")]
    [InlineData(24, "Severe")]
    [InlineData(52, "Severe")]
    public void GivenTotalAtBandEdge_WhenScoringHamd_ThenBandIsExact(int total, string band)
    {
        var result = Scored(InstrumentIds.Hamd17, SummingTo(total, ItemMaxima));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band!.Display);
    }

    [Theory]
    [Trait("Rule", "HAMD-SAFETY-01")]
    [InlineData(0, SuicideRiskLevel.None)]
    [InlineData(1, SuicideRiskLevel.SI1)]
    [InlineData(2, SuicideRiskLevel.SI1)]
    [InlineData(3, SuicideRiskLevel.SI2)]
    [InlineData(4, SuicideRiskLevel.SI3)]
    public void GivenItem3Value_WhenScoringHamd_ThenSiLevel(int item3, SuicideRiskLevel expected)
    {
        var values = new int?[17];
        Array.Fill(values, 0);
        values[2] = item3;

        var result = Scored(InstrumentIds.Hamd17, values);

        Assert.Equal(expected, result.HighestSuicideRiskLevel);
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenItem17Missing_WhenScoringHamd_ThenIncomplete()
    {
        var values = new int?[17];
        Array.Fill(values, 1);
        values[16] = null;

        var result = Assert.IsType<InstrumentResult.Incomplete>(Score(InstrumentIds.Hamd17, Numbered(values)));

        Assert.Equal("17", Assert.Single(result.MissingAnswers).LinkId);
    }
}
