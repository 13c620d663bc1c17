using System.Reflection;
using System.Text.RegularExpressions;

namespace KetamineClinic.Domain.Tests;

/// <summary>
/// Holds the issue's bar: every rule id of the clinical spec appears in at least one test (trait or name), and
/// every §12 test vector is a test. New spec ids fail here until someone writes their tests.
/// </summary>
public sealed partial class SpecCoverageTests
{
    private static readonly Assembly Tests = typeof(SpecCoverageTests).Assembly;

    public static TheoryData<string> RuleIds => new(ReadList("spec-rule-ids.txt"));

    public static TheoryData<string> Vectors => new(ReadList("spec-vectors.txt"));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleIdOfTheSpecHasATest(string ruleId)
    {
        var normalised = Normalise(ruleId);
        var covered = TestMethods().Any(m =>
            Traits(m).Any(t => t.Name == "Rule" && string.Equals(t.Value, ruleId, StringComparison.Ordinal))
            || Normalise(m.Name).Contains(normalised, StringComparison.Ordinal));
        Assert.True(covered, $"No test names rule {ruleId} (add [Trait(\"Rule\", \"{ruleId}\")] to its tests).");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryTestVectorOfTheSpecIsATest(string vector)
    {
        var covered = TestMethods().Any(m => Traits(m).Any(t => t.Name == "Vector" && string.Equals(t.Value, vector, StringComparison.Ordinal)));
        Assert.True(covered, $"No test carries [Trait(\"Vector\", \"{vector}\")].");
    }

    [Fact]
    public void TheRuleListMatchesTheSpecWhenTheSpecIsAtHand()
    {
        var spec = FindSpec();
        if (spec is null)
        {
            Assert.Skip("../shared/clinical-spec.md not found beside the repository; the committed lists are used as they are.");
        }
        var text = File.ReadAllText(spec);
        var fromSpec = BacktickedId().Matches(text).Select(m => m.Groups[1].Value).Where(id => id != "RULE-ID").ToHashSet(StringComparer.Ordinal);
        var vectors = VectorRow().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(fromSpec.Order(StringComparer.Ordinal), ReadList("spec-rule-ids.txt").Order(StringComparer.Ordinal));
        Assert.Equal(vectors.Order(StringComparer.Ordinal), ReadList("spec-vectors.txt").Order(StringComparer.Ordinal));
    }

    private static IEnumerable<MethodInfo> TestMethods() =>
        Tests.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .Where(m => m.DeclaringType != typeof(SpecCoverageTests));

    private static IEnumerable<TraitAttribute> Traits(MethodInfo m) =>
        m.GetCustomAttributes<TraitAttribute>(inherit: true).Concat(m.DeclaringType!.GetCustomAttributes<TraitAttribute>(inherit: true));

    private static string Normalise(string s) => new string([.. s.Where(char.IsLetterOrDigit)]).ToUpperInvariant();

    private static string[] ReadList(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, name)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static string? FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "clinical-spec.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    [GeneratedRegex("`([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+)`")]
    private static partial Regex BacktickedId();

    [GeneratedRegex(@"(?m)^\| (TV-[0-9]+a?) \|")]
    private static partial Regex VectorRow();
}
