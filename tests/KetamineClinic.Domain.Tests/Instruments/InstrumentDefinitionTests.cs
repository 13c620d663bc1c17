using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class InstrumentDefinitionTests
{
    private static readonly RuleId Rule = new("SCALE-01");

    private static InstrumentItem Item(string linkId, bool required = true) => InstrumentItem.Scale(linkId, $"Item {linkId}", 0, 3, required: required);

    private static InstrumentDefinition Sum(IReadOnlyList<InstrumentItem> items, IReadOnlyList<ScoreBand>? bands = null, IReadOnlyList<EitherOrGroup>? groups = null, SuicideItemMapping? suicide = null) =>
        new("test", "Test", "1", items, ScoringMethod.SumOfItems, Rule, Rule, bands: bands, eitherOrGroups: groups, suicideItem: suicide);

    private static InstrumentDefinition Domains(IReadOnlyList<InstrumentItem> items, params ScoreDomain[] domains) =>
        new("test", "Test", "1", items, ScoringMethod.SumOfDomainMaxima, Rule, Rule, domains: domains);

    private static void Broken(Func<object> define, string param, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(define);
        Assert.Equal(param, ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenDuplicateLinkIds_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("1")]), "items", "Instrument test: item link id '1' is used twice.");

    [Fact]
    public void GivenNoItems_WhenDefining_ThenRejected() =>
        Broken(() => Sum([]), "items", "Instrument test has no items.");

    [Theory]
    [InlineData("", "T", "1", "id")]
    [InlineData("t", " ", "1", "title")]
    [InlineData("t", "T", "", "version")]
    public void GivenBlankIdTitleOrVersion_WhenDefining_ThenRejected(string id, string title, string version, string param) =>
        Assert.Equal(param, Assert.ThrowsAny<ArgumentException>(() => new InstrumentDefinition(id, title, version, [Item("1")], ScoringMethod.SumOfItems, Rule, Rule)).ParamName);

    [Fact]
    public void GivenNullItems_WhenDefining_ThenRejected() =>
        Assert.Throws<ArgumentNullException>(() => new InstrumentDefinition("t", "T", "1", null!, ScoringMethod.SumOfItems, Rule, Rule));

    [Fact]
    public void GivenBandsWithGap_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("2")], [new(0, 2, "a", "A"), new(4, 6, "b", "B")]), "bands", "Instrument test: bands must be ascending and gap-free from 0 to 6.");

    [Fact]
    public void GivenBandsNotStartingAtTheMinimum_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("2")], [new(1, 6, "a", "A")]), "bands", "Instrument test: bands must be ascending and gap-free");

    [Fact]
    public void GivenBandsEndingShort_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 5, "b", "B")]), "bands", "Instrument test: bands must end at the highest total 6.");

    [Fact]
    public void GivenBandsEndingBeyondTheMaximum_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 7, "b", "B")]), "bands", "Instrument test: bands must end at the highest total 6.");

    [Fact]
    public void GivenSinglePointBand_WhenDefining_ThenAccepted()
    {
        var definition = Sum([Item("1"), Item("2")], [new(0, 0, "zero", "Zero"), new(1, 6, "some", "Some")]);

        Assert.Equal("zero", definition.BandFor(0)!.Code);
        Assert.Equal("some", definition.BandFor(1)!.Code);
    }

    [Fact]
    public void GivenInvertedBand_WhenCreating_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreBand(3, 2, "a", "A"));

        Assert.Equal("Max", ex.ParamName);
        Assert.StartsWith("A band ends at or above its start.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "A", "Code")]
    [InlineData("a", " ", "Display")]
    public void GivenBlankBandLabel_WhenCreating_ThenRejected(string code, string display, string param) =>
        Assert.Equal(param, Assert.ThrowsAny<ArgumentException>(() => new ScoreBand(0, 1, code, display)).ParamName);

    [Fact]
    public void GivenContiguousBands_WhenDefining_ThenAccepted()
    {
        var definition = Sum([Item("1"), Item("2")], [new(0, 3, "a", "A"), new(4, 6, "b", "B")]);

        Assert.Equal("b", definition.BandFor(4)!.Code);
        Assert.Equal("a", definition.BandFor(3)!.Code);
        Assert.True(definition.Bands[0].Contains(0));
        Assert.False(definition.Bands[0].Contains(-1));
        Assert.False(definition.Bands[0].Contains(4));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void GivenTotalOutsideRange_WhenLookingUpBand_ThenRejectedNamingTheRange(int total)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sum([Item("1"), Item("2")]).BandFor(total));

        Assert.StartsWith("Test total must lie within 0–6.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTriageInstrument_WhenLookingUpBand_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CssrsScreener.RecentDefinition.BandFor(0));

    [Fact]
    public void GivenNoBands_WhenLookingUpBand_ThenNull()
    {
        var definition = Sum([Item("1"), Item("2")]);

        Assert.Null(definition.BandFor(6));
        Assert.Null(definition.BandFor(0));
    }

    [Fact]
    public void GivenRequiredItemInEitherOrGroup_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1"), Item("2", required: false)], groups: [new(["1", "2"])]), "eitherOrGroups", "Instrument test: item 1 of an either/or group cannot be required on its own.");

    [Fact]
    public void GivenOptionalItemsInEitherOrGroup_WhenDefining_ThenAccepted() =>
        Assert.Single(Sum([Item("1", required: false), Item("2", required: false)], groups: [new(["1", "2"])]).EitherOrGroups);

    [Fact]
    public void GivenEitherOrGroupWithUnknownItem_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1", required: false)], groups: [new(["1", "9"])]), "items", "Instrument test has no item '9'.");

    [Theory]
    [InlineData("1", null)]
    [InlineData("1", " ")]
    public void GivenEitherOrGroupWithFewerThanTwoItems_WhenCreating_ThenRejected(string first, string? second)
    {
        string[] linkIds = second is null ? [first] : [first, second];
        var ex = Assert.ThrowsAny<ArgumentException>(() => new EitherOrGroup(linkIds));

        Assert.StartsWith("Needs at least 2 non-blank item link id(s).", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ItemLinkIds", ex.ParamName);
    }

    [Fact]
    public void GivenEmptyDomain_WhenCreating_ThenRejected()
    {
        Assert.StartsWith("Needs at least 1 non-blank", Assert.ThrowsAny<ArgumentException>(() => new ScoreDomain("D", [])).Message, StringComparison.Ordinal);
        Assert.Equal("Name", Assert.ThrowsAny<ArgumentException>(() => new ScoreDomain(" ", ["1"])).ParamName);
        Assert.Throws<ArgumentNullException>(() => new ScoreDomain("D", null!));
    }

    [Fact]
    public void GivenSuicideItemNotInInstrument_WhenDefining_ThenRejected() =>
        Broken(() => Sum([Item("1")], suicide: new SuicideItemMapping("9", new RuleId("X-01"), p => p.Phq9Item9)), "items", "Instrument test has no item '9'.");

    [Fact]
    public void GivenSuicideMappingWithoutItemOrThresholds_WhenCreating_ThenRejected()
    {
        Assert.Equal("ItemLinkId", Assert.ThrowsAny<ArgumentException>(() => new SuicideItemMapping(" ", new RuleId("X-01"), p => p.Phq9Item9)).ParamName);
        Assert.Equal("Thresholds", Assert.Throws<ArgumentNullException>(() => new SuicideItemMapping("1", new RuleId("X-01"), null!)).ParamName);
    }

    [Fact]
    public void GivenNoScoredItem_WhenDefiningASum_ThenRejected() =>
        Broken(() => Sum([InstrumentItem.Scale("1", "One", 0, 3, scored: false)]), "items", "Instrument test has no scored item.");

    [Fact]
    public void GivenDomainScoringWithoutDomains_WhenDefining_ThenRejected() =>
        Broken(() => Domains([InstrumentItem.Scale("1", "One", 0, 3, scored: false)]), "domains", "Instrument test needs domains for domain scoring.");

    [Fact]
    public void GivenDomainsOnAPlainSum_WhenDefining_ThenRejected() =>
        Broken(
            () => new InstrumentDefinition("test", "Test", "1", [Item("1")], ScoringMethod.SumOfItems, Rule, Rule, domains: [new("D", ["1"])]),
            "domains",
            "Instrument test: domains are only used by domain scoring.");

    [Fact]
    public void GivenItemInTwoDomains_WhenDefining_ThenRejected() =>
        Broken(() => Domains([Item("1"), Item("2")], new("A", ["1", "2"]), new("B", ["2"])), "domains", "Instrument test: item 2 must be scored and in one domain only.");

    [Fact]
    public void GivenScoredItemOutsideEveryDomain_WhenDefining_ThenRejected() =>
        Broken(() => Domains([Item("1"), Item("2")], new ScoreDomain("A", ["1"])), "domains", "Instrument test: every scored item must belong to a domain.");

    [Fact]
    public void GivenUnscoredItemInDomain_WhenDefining_ThenRejected() =>
        Broken(
            () => Domains([Item("1"), InstrumentItem.Scale("2", "Two", 0, 3, scored: false)], new ScoreDomain("A", ["1", "2"])),
            "domains",
            "Instrument test: item 2 must be scored and in one domain only.");

    [Fact]
    public void GivenUnscoredItemOutsideDomains_WhenDefining_ThenAccepted()
    {
        var definition = Domains([Item("1"), Item("2"), InstrumentItem.Scale("3", "Three", 0, 3, scored: false)], new ScoreDomain("A", ["1", "2"]));

        Assert.Equal((0, 3), (definition.TotalMin, definition.TotalMax));
    }

    [Fact]
    public void GivenDomainsWithDifferentItemRanges_WhenDefining_ThenRangeIsSumOfDomainLowestMinAndHighestMax()
    {
        var definition = Domains(
            [InstrumentItem.Scale("1", "One", 1, 3), InstrumentItem.Scale("2", "Two", 2, 5), InstrumentItem.Scale("3", "Three", 1, 4)],
            new ScoreDomain("A", ["1", "2"]),
            new ScoreDomain("B", ["3"]));

        Assert.Equal((2, 9), (definition.TotalMin, definition.TotalMax));
    }

    [Fact]
    public void GivenItemsWithDifferentRanges_WhenDefiningASum_ThenRangeIsSumOfMinimaAndMaxima()
    {
        var definition = Sum([InstrumentItem.Scale("1", "One", 1, 3), InstrumentItem.Scale("2", "Two", 2, 5)]);

        Assert.Equal((3, 8), (definition.TotalMin, definition.TotalMax));
    }

    [Fact]
    public void GivenItemDependingOnANumericItem_WhenDefining_ThenRejected() =>
        Broken(
            () => new InstrumentDefinition("test", "Test", "1", [Item("1"), InstrumentItem.YesNo("2", "Two", null, enabledWhenYesTo: "1")], ScoringMethod.CssrsTriage, Rule, Rule),
            "items",
            "Instrument test: item 2 depends on a non-yes/no item.");

    [Fact]
    public void GivenItemDependingOnAMissingItem_WhenDefining_ThenRejected() =>
        Broken(
            () => new InstrumentDefinition("test", "Test", "1", [InstrumentItem.YesNo("2", "Two", null, enabledWhenYesTo: "1")], ScoringMethod.CssrsTriage, Rule, Rule),
            "items",
            "Instrument test has no item '1'.");

    [Fact]
    public void GivenTriageInstrumentWithBands_WhenDefining_ThenRejected() =>
        Broken(
            () => new InstrumentDefinition("test", "Test", "1", [InstrumentItem.YesNo("1", "One", null)], ScoringMethod.CssrsTriage, Rule, Rule, bands: [new(0, 1, "a", "A")]),
            "bands",
            "Instrument test has bands but no total.");

    [Theory]
    [InlineData(new[] { 0 }, "Item 1 needs at least two answer options.")]
    [InlineData(new[] { 0, 2 }, "Item 1: answer values must be contiguous and ascending.")]
    [InlineData(new[] { 1, 0 }, "Item 1: answer values must be contiguous and ascending.")]
    public void GivenBadOptionValues_WhenDefiningAnItem_ThenRejected(int[] values, string message) =>
        Broken(() => new InstrumentItem("1", "One", ItemAnswerType.WholeNumber, [.. values.Select(v => new AnswerOption(v, "x"))]), "options", message);

    [Fact]
    public void GivenTwoOptions_WhenDefiningAnItem_ThenAccepted() =>
        Assert.Equal(1, new InstrumentItem("1", "One", ItemAnswerType.WholeNumber, [new(0, "a"), new(1, "b")]).MaxValue);

    [Fact]
    public void GivenYesNoItemWithThreeOptions_WhenDefining_ThenRejected() =>
        Broken(
            () => new InstrumentItem("1", "One", ItemAnswerType.YesNo, [new(0, "No"), new(1, "Yes"), new(2, "Maybe")]),
            "options",
            "Item 1: a yes/no item has exactly the values 0 (No) and 1 (Yes).");

    [Fact]
    public void GivenYesNoItemStartingAt1_WhenDefining_ThenRejected() =>
        Assert.ThrowsAny<ArgumentException>(() => new InstrumentItem("1", "One", ItemAnswerType.YesNo, [new(1, "No"), new(2, "Yes")]));

    [Fact]
    public void GivenItemDependingOnItself_WhenDefining_ThenRejected() =>
        Broken(() => InstrumentItem.YesNo("1", "One", null, enabledWhenYesTo: "1"), "enabledWhenYesTo", "Item 1 cannot depend on itself.");

    [Fact]
    public void GivenYesNoItem_ThenNoIs0YesIs1AndUnscored()
    {
        var item = InstrumentItem.YesNo("1", "One", null, enabledWhenYesTo: "2");

        Assert.Equal([(0, "No"), (1, "Yes")], item.Options.Select(o => (o.Value, o.Display)));
        Assert.False(item.Scored);
        Assert.True(item.Required);
        Assert.Equal("2", item.EnabledWhenYesTo);
    }

    [Theory]
    [InlineData("", "One", "linkId")]
    [InlineData("1", " ", "text")]
    public void GivenBlankItemKeyOrText_WhenDefining_ThenRejected(string linkId, string text, string param) =>
        Assert.Equal(param, Assert.ThrowsAny<ArgumentException>(() => InstrumentItem.Scale(linkId, text, 0, 1)).ParamName);

    [Fact]
    public void GivenNullOptions_WhenDefiningAnItem_ThenRejected() =>
        Assert.Throws<ArgumentNullException>(() => new InstrumentItem("1", "One", ItemAnswerType.WholeNumber, null!));

    [Fact]
    public void GivenBlankOptionLabel_WhenCreating_ThenRejected() =>
        Assert.Equal("Display", Assert.ThrowsAny<ArgumentException>(() => new AnswerOption(0, " ")).ParamName);

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void GivenScaleWithMaxNotAboveMin_WhenDefining_ThenRejected(int max)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentItem.Scale("1", "One", 3, max));

        Assert.StartsWith("The highest value must be above the lowest.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenScale_ThenOptionsAreLabelledByTheirNumbers()
    {
        var item = InstrumentItem.Scale("1", "One", 1, 3);

        Assert.Equal(["1", "2", "3"], item.Options.Select(o => o.Display));
        Assert.Equal((1, 3, "1–3"), (item.MinValue, item.MaxValue, item.AllowedRangeText));
        Assert.Equal(ItemAnswerType.WholeNumber, item.AnswerType);
        Assert.True(item.Scored);
        Assert.True(item.Required);
        Assert.Null(item.EnabledWhenYesTo);
    }

    [Fact]
    public void GivenBlankConceptCodePart_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new ConceptCode(" ", "x", "X"));
        Assert.Throws<ArgumentException>(() => new ConceptCode("s", "", "X"));
        Assert.Throws<ArgumentException>(() => new ConceptCode("s", "x", " "));
        Assert.Equal("http://loinc.org|44261-6", ConceptCode.Loinc("44261-6", "PHQ-9 total score").ToString());
        Assert.Equal(CodeSystems.InstrumentItems, ConceptCode.LocalItem("x", "X").System);
        Assert.Equal(CodeSystems.InstrumentScores, ConceptCode.LocalScore("x", "X").System);
    }

    [Fact]
    public void GivenNoSuicideItem_ThenNoSiMapping() =>
        Assert.Equal(SuicideRiskLevel.None, Assert.IsType<InstrumentResult.Scored>(
            InstrumentCatalog.Score(Sum([Item("1")]), new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["1"] = 3 }, ClinicProtocol.Default)).HighestSuicideRiskLevel);

    [Fact]
    public void GivenNullLinkId_WhenFindingItem_ThenRejected() =>
        Assert.Equal("linkId", Assert.Throws<ArgumentNullException>(() => Phq9.Definition.FindItem(null!)).ParamName);
}
