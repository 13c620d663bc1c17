using CsCheck;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Instruments.Responses;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class InstrumentPropertyTests
{
    public static TheoryData<string> SummedInstruments =>
    [
        InstrumentIds.Phq9,
        InstrumentIds.Gad7,
        InstrumentIds.QidsSr16,
        InstrumentIds.Madrs,
        InstrumentIds.Hamd17,
        InstrumentIds.Cadss23,
        InstrumentIds.Moaas,
        InstrumentIds.BprsPositive,
        InstrumentIds.BeckSsi,
    ];

    /// <summary>Any valid answer for every item of the definition (unscored and either/or items included).</summary>
    private static Gen<Dictionary<string, ItemAnswer>> ValidAnswers(InstrumentDefinition definition) =>
        Gen.Int[0, int.MaxValue].Array[definition.Items.Count].Select(raw =>
        {
            var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);
            for (var i = 0; i < definition.Items.Count; i++)
            {
                var item = definition.Items[i];
                answers[item.LinkId] = item.MinValue + (raw[i] % (item.MaxValue - item.MinValue + 1));
            }

            return answers;
        });

    [Theory]
    [Trait("Rule", "SCALE-01")]
    [MemberData(nameof(SummedInstruments))]
    public void GivenAnyValidAnswers_WhenScoring_ThenTotalWithinRangeAndBandContainsIt(string id)
    {
        var definition = InstrumentCatalog.Get(id, ClinicProtocol.Default);

        ValidAnswers(definition).Sample(answers =>
        {
            var result = Assert.IsType<InstrumentResult.Scored>(InstrumentCatalog.Score(id, answers, ClinicProtocol.Default));
            Assert.InRange(result.Total, definition.TotalMin!.Value, definition.TotalMax!.Value);
            if (definition.Bands.Count > 0)
            {
                Assert.True(result.Band!.Contains(result.Total));
            }
        });
    }

    [Theory]
    [Trait("Rule", "SCALE-01")]
    [MemberData(nameof(SummedInstruments))]
    public void GivenAnyRequiredItemRemoved_WhenScoring_ThenIncompleteNamingIt(string id)
    {
        var definition = InstrumentCatalog.Get(id, ClinicProtocol.Default);
        var required = definition.Items.Where(i => i.Required).ToArray();

        Gen.Select(ValidAnswers(definition), Gen.Int[0, required.Length - 1]).Sample((answers, drop) =>
        {
            answers.Remove(required[drop].LinkId);
            var result = Assert.IsType<InstrumentResult.Incomplete>(InstrumentCatalog.Score(id, answers, ClinicProtocol.Default));
            Assert.Equal(required[drop].LinkId, Assert.Single(result.MissingAnswers).LinkId);
        });
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenPhq9WithoutItem10_WhenScoring_ThenTotalIsSumOfItems1To9()
    {
        Gen.Int[0, 3].Array[9].Sample(items =>
        {
            var result = Scored(InstrumentIds.Phq9, [.. items.Select(v => (int?)v)]);
            Assert.Equal(items.Sum(), result.Total);
        });
    }

    [Fact]
    public void GivenAnyQidsAnswers_WhenScoring_ThenTotalIsTheDomainCollapseAndNeverAbove27()
    {
        Gen.Int[0, 3].Array[16].Sample(items =>
        {
            var result = Scored(InstrumentIds.QidsSr16, [.. items.Select(v => (int?)v)]);
            int Max(params int[] numbers) => numbers.Select(n => items[n - 1]).Max();
            var expected = Max(1, 2, 3, 4) + items[4] + Max(6, 7, 8, 9) + items[9] + items[10] + items[11] + items[12] + items[13] + Max(15, 16);
            Assert.Equal(expected, result.Total);
            Assert.InRange(result.Total, 0, 27);
            Assert.True(result.Total <= items.Sum());
        });
    }

    [Fact]
    [Trait("Rule", "SCALE-01")]
    public void GivenAnyOneOfEachQidsPairAnswered_WhenScoring_ThenComplete()
    {
        Gen.Select(Gen.Int[0, 3].Array[16], Gen.Bool, Gen.Bool).Sample((items, keep6, keep8) =>
        {
            var values = items.Select(v => (int?)v).ToArray();
            values[keep6 ? 6 : 5] = null;
            values[keep8 ? 8 : 7] = null;
            var result = Scored(InstrumentIds.QidsSr16, values);
            Assert.InRange(result.Total, 0, 27);
        });
    }

    [Theory]
    [Trait("Rule", "MADRS-01")]
    [Trait("Rule", "HAMD-01")]
    [MemberData(nameof(SummedInstruments))]
    public void GivenAnyValueOutsideAnItemsRange_WhenScoring_ThenInvalidNamingThatItem(string id)
    {
        var definition = InstrumentCatalog.Get(id, ClinicProtocol.Default);

        Gen.Select(ValidAnswers(definition), Gen.Int[0, definition.Items.Count - 1], Gen.Int[1, 1000], Gen.Bool).Sample((answers, index, offset, above) =>
        {
            var item = definition.Items[index];
            answers[item.LinkId] = above ? item.MaxValue + offset : item.MinValue - offset;
            var result = Assert.IsType<InstrumentResult.Invalid>(InstrumentCatalog.Score(id, answers, ClinicProtocol.Default));
            var error = Assert.Single(result.Errors);
            Assert.Equal((item.LinkId, ValidationProblem.OutOfRange, definition.ItemRule), (error.ItemLinkId, error.Problem, error.Rule));
            Assert.Contains(item.AllowedRangeText, error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    [Trait("Rule", "CSSRS-VAL-01")]
    public void GivenAnyRecentScreenerFollowingTheBranching_WhenTriaging_ThenNeverInvalidAndLevelMatchesTheTriageTable()
    {
        Gen.Bool.Array[7].Sample(a =>
        {
            var (q1, q2, q3, q4, q5, q6, q6a) = (a[0], a[1], a[2] && a[1], a[3] && a[1], a[4] && a[1], a[5], a[6]);
            var answers = Cssrs(q1, q2, q2 ? q3 : null, q2 ? q4 : null, q2 ? q5 : null, q6, q6 ? q6a : null);
            var result = Assert.IsType<InstrumentResult.Triaged>(InstrumentCatalog.Score(InstrumentIds.CssrsRecent, answers, ClinicProtocol.Default));

            var expected = q4 || q5 || (q6 && q6a) ? CssrsRiskLevel.High
                : q3 || q6 ? CssrsRiskLevel.Moderate
                : q1 || q2 ? CssrsRiskLevel.Low
                : CssrsRiskLevel.None;
            Assert.Equal(expected, result.Risk);
            Assert.Equal(expected.ToSuicideRiskLevel(), result.HighestSuicideRiskLevel);
        });
    }
}
