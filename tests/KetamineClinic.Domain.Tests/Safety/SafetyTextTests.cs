using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Tests.Safety;

public sealed class SafetyTextTests
{
    [Fact]
    public void GivenCrisisText_ThenItIsTheSpecWordingExactly() =>
        Assert.Equal(
            "If you are having thoughts of suicide, call or text 988 (988 Suicide & Crisis Lifeline) or chat at 988lifeline.org. If you are in immediate danger, call 911.",
            CrisisText.PatientFacing);

    [Fact]
    public void GivenSafetyPlan_ThenSixStanleyBrownSectionsInOrderWithTitles()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], SafetyPlanSections.InOrder.Select(s => (int)s));
        Assert.Equal(
            [
                "Warning signs",
                "Internal coping strategies",
                "People and social settings that provide distraction",
                "People to ask for help",
                "Professionals and agencies to contact in a crisis",
                "Making the environment safe",
            ],
            SafetyPlanSections.InOrder.Select(s => s.Title()));
    }

    [Fact]
    public void GivenProfessionalsSection_ThenPromptNames988AndTheChatAnd911()
    {
        var prompt = SafetyPlanSection.ProfessionalsAndAgencies.Prompt();

        Assert.Contains("988 Suicide & Crisis Lifeline", prompt, StringComparison.Ordinal);
        Assert.Contains("988lifeline.org", prompt, StringComparison.Ordinal);
        Assert.Contains("911", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEverySection_ThenPromptIsDistinctAndNonBlank()
    {
        var prompts = SafetyPlanSections.InOrder.Select(s => s.Prompt()).ToArray();

        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.Equal(6, prompts.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("lethal means", SafetyPlanSection.MakingTheEnvironmentSafe.Prompt(), StringComparison.Ordinal);
        Assert.StartsWith("Thoughts, images, mood", SafetyPlanSection.WarningSigns.Prompt(), StringComparison.Ordinal);
    }
}
