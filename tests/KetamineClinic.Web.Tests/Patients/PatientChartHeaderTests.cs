using Bunit;
using KetamineClinic.Web.Features.Patients;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Patients;

public sealed class PatientChartHeaderTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    public PatientChartHeaderTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static PatientHeader Header(
        LatestWeight? weight = null,
        IReadOnlyList<AllergySummary>? allergies = null,
        IReadOnlyList<FlagSummary>? flags = null) =>
        new(Guid.NewGuid(), "KC-100101", "Thompson", "Avery", new DateOnly(1962, 1, 3), 64, SexAtBirth.Female,
            JourneyStage.Induction, "Riverside", 170m, weight, allergies ?? [], flags ?? []);

    [Fact]
    public void GivenRecentWeightAllergiesAndFlags_WhenRendered_ThenAllAreShownWithoutStaleMarker()
    {
        var header = Header(
            PatientHeaderQuery.WeightAsOf(70.45m, Now.AddDays(-3), Now, "America/New_York"),
            [new("Latex", "Anaphylaxis", true), new("Penicillin", "Hives", false)],
            [new(FlagKind.SuicideRisk, FlagPriority.High, "Same-session review", Now.AddDays(-1)),
             new(FlagKind.FallRisk, FlagPriority.Normal, "Escort to the car", Now.AddDays(-2))]);

        var cut = Render<PatientChartHeader>(p => p.Add(x => x.Header, header));

        Assert.Equal("Thompson, Avery", cut.Find("[data-testid=patient-name]").TextContent.Trim());
        var demographics = cut.Find("[data-testid=patient-demographics]").TextContent;
        Assert.Contains("MRN KC-100101", demographics, StringComparison.Ordinal);
        Assert.Contains("Born 3 Jan 1962", demographics, StringComparison.Ordinal);
        Assert.Contains("(64 years)", demographics, StringComparison.Ordinal);
        Assert.Contains("Journey stage: Induction", cut.Find("[data-testid=patient-stage]").TextContent, StringComparison.Ordinal);
        Assert.Equal("70.45 kg", cut.Find("[data-testid=weight-value]").TextContent.Trim());
        Assert.Contains("Weighed 24 Nov 2026", cut.Find("[data-testid=weight-date]").TextContent, StringComparison.Ordinal);
        Assert.Contains("3 days ago", cut.Find("[data-testid=weight-date]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=weight-stale]"));
        var allergies = cut.FindAll("[data-testid=allergy]").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(["Latex: Anaphylaxis (severe)", "Penicillin: Hives"], allergies);
        Assert.Contains("mud-chip-color-error", cut.FindAll("[data-testid=allergy]")[0].ClassName, StringComparison.Ordinal);
        var flags = cut.FindAll("[data-testid=flag]");
        Assert.Equal(2, flags.Count);
        Assert.Equal("High", flags[0].GetAttribute("data-priority"));
        Assert.Contains("Suicide risk (high priority)", flags[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Fall risk", flags[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=no-allergies]"));
    }

    [Fact]
    public void GivenWeightOlderThan30Days_WhenRendered_ThenStaleMarkerShown()
    {
        var header = Header(PatientHeaderQuery.WeightAsOf(82m, Now.AddDays(-45), Now, "America/New_York"));

        var cut = Render<PatientChartHeader>(p => p.Add(x => x.Header, header));

        Assert.Contains("re-weigh before dosing", cut.Find("[data-testid=weight-stale]").TextContent, StringComparison.Ordinal);
        Assert.Contains("45 days ago", cut.Find("[data-testid=weight-date]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoWeightNoAllergiesNoFlags_WhenRendered_ThenSaysSoHonestly()
    {
        var cut = Render<PatientChartHeader>(p => p.Add(x => x.Header, Header()));

        Assert.Contains("No weight recorded", cut.Find("[data-testid=weight-missing]").TextContent, StringComparison.Ordinal);
        // "None recorded" rather than "no known allergies": absence of a record is not a clinical finding.
        Assert.Contains("None recorded", cut.Find("[data-testid=no-allergies]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No active flags", cut.Find("[data-testid=no-flags]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=weight-stale]"));
    }
}
