using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Instruments;

public sealed class InstrumentResultTests
{
    private static readonly InstrumentRef Instrument = new("test", "1");

    [Fact]
    public void GivenTwoTriggersOnOneResult_ThenHighestLevelIsTheMaximum()
    {
        SuicideRiskTrigger[] triggers =
        [
            new(new RuleId("A"), SuicideRiskLevel.SI1, "test", "1", 1, "low"),
            new(new RuleId("B"), SuicideRiskLevel.SI3, "test", "2", 1, "high"),
            new(new RuleId("C"), SuicideRiskLevel.SI2, "test", "3", 1, "mid"),
        ];

        var result = new InstrumentResult.Scored(Instrument, ClinicProtocol.Default.Version, 3, null, new Dictionary<string, int>(StringComparer.Ordinal), [], triggers);

        Assert.Equal(SuicideRiskLevel.SI3, result.HighestSuicideRiskLevel);
    }

    [Fact]
    public void GivenIncompleteWithoutMissingAnswers_WhenCreating_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new InstrumentResult.Incomplete(
            Instrument, ClinicProtocol.Default.Version, new RuleId("SCALE-01"), [], new Dictionary<string, int>(StringComparer.Ordinal), []));

        Assert.StartsWith("An incomplete result names at least one missing answer.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenInvalidWithoutErrors_WhenCreating_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new InstrumentResult.Invalid(Instrument, ClinicProtocol.Default.Version, []));

        Assert.StartsWith("An invalid result names at least one error.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBlankValidationMessageOrMissingText_WhenCreating_ThenRejected()
    {
        Assert.Equal("Message", Assert.ThrowsAny<ArgumentException>(() => new ItemValidationError(new RuleId("X"), "1", ValidationProblem.OutOfRange, " ")).ParamName);
        Assert.Equal("ItemText", Assert.ThrowsAny<ArgumentException>(() => new MissingAnswer("1", "")).ParamName);
    }

    [Fact]
    public void GivenNullArguments_WhenScoring_ThenRejected()
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);

        Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score((string)null!, answers, ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score(InstrumentIds.Gad7, answers, null!));
        Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score(InstrumentIds.Gad7, null!, ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score((InstrumentDefinition)null!, answers, ClinicProtocol.Default));
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score(Gad7.Definition, answers, null!)).ParamName);
        Assert.Equal("answers", Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Score(Gad7.Definition, null!, ClinicProtocol.Default)).ParamName);
        Assert.Throws<ArgumentNullException>(() => InstrumentCatalog.Find(InstrumentIds.Gad7, null!));
        Assert.Throws<ArgumentNullException>(() => Madrs.Definition(null!));
        Assert.Throws<ArgumentNullException>(() => Moaas.IsAtOrBelowSedationStopThreshold(1, null!));
        Assert.Throws<ArgumentNullException>(() => CssrsScreener.ChooseVersion(true, null, new DateOnly(2026, 1, 1), null!));
    }
}
