using KetamineClinic.Web.Components.Layout;
using KetamineClinic.Web.Features.Today;

namespace KetamineClinic.Web.Tests.Today;

public sealed class TodayRulesTests
{
    [Fact]
    public void GivenChairLabels_WhenSorted_ThenNumbersInNumericOrder()
    {
        string[] labels = ["Chair 10", "Chair 2", "bay b", "Bay A", "Chair 1", "Chair 02x"];

        var sorted = labels.Order(NaturalComparer.Instance).ToArray();

        Assert.Equal(["Bay A", "bay b", "Chair 1", "Chair 2", "Chair 02x", "Chair 10"], sorted);
    }

    [Fact]
    public void GivenEveningInBoston_WhenAskingTheSiteDate_ThenTheLocalDateNotUtc()
    {
        var utc = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 27), SiteClock.LocalDate(utc, "America/New_York"));
        Assert.Equal(new DateOnly(2026, 11, 28), SiteClock.LocalDate(utc, "Not/AZone"));
    }

    [Fact]
    public void GivenRememberedSiteStillAssigned_WhenResolving_ThenItIsChosen()
    {
        var a = new SiteOption(Guid.NewGuid(), "Riverside");
        var b = new SiteOption(Guid.NewGuid(), "Hillcrest");

        Assert.Equal(b, SiteSelection.Resolve([a, b], b.Id).Current);
        Assert.Equal(a, SiteSelection.Resolve([a, b], Guid.NewGuid()).Current);
        Assert.Equal(a, SiteSelection.Resolve([a, b], null).Current);
        Assert.Null(SiteSelection.Resolve([], b.Id).Current);
        Assert.True(SiteSelection.Resolve([], null).IsResolved);
    }
}
