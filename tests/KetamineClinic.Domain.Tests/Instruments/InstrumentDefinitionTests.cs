using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class InstrumentDefinitionTests
{
    private static readonly RuleId Rule = new("SCALE-01");

    private static InstrumentItem Item(string linkId, bool required = true) => InstrumentItem.Scale(linkId, $"Item {linkId}", 0, 3, required: required);

    private static InstrumentDefinition Sum(IReadOnlyList<InstrumentItem> items, IReadOnlyList<ScoreBand>? bands = null, IReadOnlyList<EitherOrGroup>? groups = null, SuicideItemMapping? suicide = null) =>
        new("test", "Test", "1", items, ScoringMethod.SumOfItems, Rule, Rule, bands: bands, eitherOrGroups: groups, suicideItem: suicide);

    [Fact]
    public void GivenDuplicateLinkIds_WhenDefining_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("1")]));

        Assert.Equal("items", ex.ParamName);
        Assert.StartsWith("Instrument test: item link id '1' is used twice.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoItems_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([]));

    [Fact]
    public void GivenBandsWithGap_WhenDefining_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2")], [new(0, 2, "a", "A"), new(4, 6, "b", "B")]));

        Assert.Equal("bands", ex.ParamName);
    }

    [Fact]
    public void GivenBandsNotStartingAtTheMinimum_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2")], [new(1, 6, "a", "A")]));

    [Fact]
    public void GivenBandsEndingShort_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 5, "b", "B")]));

    [Fact]
    public void GivenBandsEndingBeyondTheMaximum_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 7, "b", "B")]));

    [Fact]
    public void GivenInvertedBand_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2")], [new(0, -1, "a", "A"), new(0, 6, "b", "B")]));

    [Fact]
    public void GivenContiguousBands_WhenDefining_ThenAccepted()
    {
        var definition = Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 6, "b", "B")]);

        Assert.Equal("b", definition.BandFor(4)!.Code);
        Assert.Equal("a", definition.BandFor(3)!.Code);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void GivenTotalOutsideRange_WhenLookingUpBand_ThenRejected(int total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sum([Item("1"), Item("2")]).BandFor(total));

    [Fact]
    public void GivenTriageInstrument_WhenLookingUpBand_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CssrsScreener.RecentDefinition.BandFor(0));

    [Fact]
    public void GivenNoBands_WhenLookingUpBand_ThenNull() =>
        Assert.Null(Sum([Item("1"), Item("2")]).BandFor(6));

    [Fact]
    public void GivenRequiredItemInEitherOrGroup_WhenDefining_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sum([Item("1"), Item("2", required: false)], groups: [new(["1", "2"])]));

        Assert.Equal("eitherOrGroups", ex.ParamName);
    }

    [Fact]
    public void GivenEitherOrGroupWithUnknownItem_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1", required: false)], groups: [new(["1", "9"])]));

    [Fact]
    public void GivenSuicideItemNotInInstrument_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([Item("1")], suicide: new SuicideItemMapping("9", new RuleId("X-01"), p => p.Phq9Item9)));

    [Fact]
    public void GivenNoScoredItem_WhenDefiningASum_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => Sum([InstrumentItem.Scale("1", "One", 0, 3, scored: false)]));

    [Fact]
    public void GivenDomainScoringWithoutDomains_WhenDefining_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new InstrumentDefinition("t", "T", "1", [Item("1")], ScoringMethod.SumOfDomainMaxima, Rule, Rule));

        Assert.Equal("domains", ex.ParamName);
    }

    [Fact]
    public void GivenDomainsOnAPlainSum_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition("t", "T", "1", [Item("1")], ScoringMethod.SumOfItems, Rule, Rule, domains: [new("D", ["1"])]));

    [Fact]
    public void GivenItemInTwoDomains_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [Item("1"), Item("2")], ScoringMethod.SumOfDomainMaxima, Rule, Rule, domains: [new("A", ["1", "2"]), new("B", ["2"])]));

    [Fact]
    public void GivenScoredItemOutsideEveryDomain_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [Item("1"), Item("2")], ScoringMethod.SumOfDomainMaxima, Rule, Rule, domains: [new("A", ["1"])]));

    [Fact]
    public void GivenUnscoredItemInDomain_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [Item("1"), InstrumentItem.Scale("2", "Two", 0, 3, scored: false)], ScoringMethod.SumOfDomainMaxima, Rule, Rule, domains: [new("A", ["1", "2"])]));

    [Fact]
    public void GivenItemDependingOnANumericItem_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [Item("1"), InstrumentItem.YesNo("2", "Two", null, enabledWhenYesTo: "1")], ScoringMethod.CssrsTriage, Rule, Rule));

    [Fact]
    public void GivenItemDependingOnAMissingItem_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [InstrumentItem.YesNo("2", "Two", null, enabledWhenYesTo: "1")], ScoringMethod.CssrsTriage, Rule, Rule));

    [Fact]
    public void GivenTriageInstrumentWithBands_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentDefinition(
            "t", "T", "1", [InstrumentItem.YesNo("1", "One", null)], ScoringMethod.CssrsTriage, Rule, Rule, bands: [new(0, 1, "a", "A")]));

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 1, 0 })]
    public void GivenBadOptionValues_WhenDefiningAnItem_ThenRejected(int[] values) =>
        Assert.Throws<ArgumentException>(() => new InstrumentItem(
            "1", "One", ItemAnswerType.WholeNumber, [.. values.Select(v => new AnswerOption(v, "x"))]));

    [Fact]
    public void GivenYesNoItemWithThreeOptions_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentItem(
            "1", "One", ItemAnswerType.YesNo, [new(0, "No"), new(1, "Yes"), new(2, "Maybe")]));

    [Fact]
    public void GivenYesNoItemStartingAt1_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentItem(
            "1", "One", ItemAnswerType.YesNo, [new(1, "No"), new(2, "Yes")]));

    [Fact]
    public void GivenItemDependingOnItself_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => InstrumentItem.YesNo("1", "One", null, enabledWhenYesTo: "1"));

    [Fact]
    public void GivenScaleWithMaxNotAboveMin_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentItem.Scale("1", "One", 3, 3));

    [Fact]
    public void GivenScale_ThenOptionsAreLabelledByTheirNumbers()
    {
        var item = InstrumentItem.Scale("1", "One", 1, 3);

        Assert.Equal(["1", "2", "3"], item.Options.Select(o => o.Display));
        Assert.Equal((1, 3, "1–3"), (item.MinValue, item.MaxValue, item.AllowedRangeText));
        Assert.Equal(ItemAnswerType.WholeNumber, item.AnswerType);
    }

    [Fact]
    public void GivenBlankConceptCodePart_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new ConceptCode(" ", "x", "X"));
        Assert.Throws<ArgumentException>(() => new ConceptCode("s", "", "X"));
        Assert.Throws<ArgumentException>(() => new ConceptCode("s", "x", " "));
        Assert.Equal("http://loinc.org|44261-6", ConceptCode.Loinc("44261-6", "PHQ-9 total score").ToString());
    }

    [Fact]
    public void GivenNoSuicideItem_ThenNoSiMapping() =>
        Assert.Equal(SuicideRiskLevel.None, Assert.IsType<InstrumentResult.Scored>(
            InstrumentCatalog.Score(Sum([Item("1")]), new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["1"] = 3 }, KetamineClinic.Domain.Protocol.ClinicProtocol.Default)).HighestSuicideRiskLevel);
}
