using KetamineClinic.Web.Features.Patients;

namespace KetamineClinic.Web.Tests.Patients;

public sealed class PatientRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, false)]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void GivenWeightDaysOld_WhenCheckingStaleness_ThenStaleOnlyWhenOlderThan30Days(int days, bool stale)
    {
        var weight = PatientHeaderQuery.WeightAsOf(70m, Now.AddDays(-days), Now, "UTC");

        Assert.Equal(stale, weight.IsStale);
        Assert.Equal(days, weight.AgeDays);
    }

    [Fact]
    public void GivenWeightOneSecondPast30Days_WhenCheckingStaleness_ThenStale()
    {
        Assert.True(PatientHeaderQuery.WeightAsOf(70m, Now.AddDays(-30).AddSeconds(-1), Now, "UTC").IsStale);
    }

    [Fact]
    public void GivenWeighingLateEvening_WhenShowingItsDate_ThenTheSiteLocalDateIsUsed()
    {
        // 02:30 UTC on 27 Nov is 21:30 on 26 Nov in Boston.
        var weight = PatientHeaderQuery.WeightAsOf(70m, new DateTimeOffset(2026, 11, 27, 2, 30, 0, TimeSpan.Zero), Now, "America/New_York");

        Assert.Equal(new DateOnly(2026, 11, 26), weight.MeasuredOn);
    }

    [Theory]
    [InlineData("1990-05-10", "2026-05-09", 35)]
    [InlineData("1990-05-10", "2026-05-10", 36)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    [InlineData("2026-01-01", "2026-01-01", 0)]
    public void GivenBirthDate_WhenComputingAge_ThenCompletedYears(string born, string today, int years)
    {
        Assert.Equal(years, PatientAge.YearsOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(null, PatientSearchKind.All, "criteria=none")]
    [InlineData("   ", PatientSearchKind.All, "criteria=none")]
    [InlineData("smith", PatientSearchKind.Name, "criteria=name; words=1")]
    [InlineData("Smith, Jo", PatientSearchKind.Name, "criteria=name; words=2")]
    [InlineData("kc-100101", PatientSearchKind.Mrn, "criteria=mrn")]
    [InlineData("100101", PatientSearchKind.Mrn, "criteria=mrn")]
    [InlineData("1985-03-04", PatientSearchKind.DateOfBirth, "criteria=date-of-birth")]
    [InlineData("03/04/1985", PatientSearchKind.DateOfBirth, "criteria=date-of-birth")]
    [InlineData("3/4/1985", PatientSearchKind.DateOfBirth, "criteria=date-of-birth")]
    public void GivenSearchText_WhenParsed_ThenKindAndAuditDetailNeverCarryTheText(string? text, PatientSearchKind kind, string detail)
    {
        var criteria = PatientSearchCriteria.Parse(text);

        Assert.Equal(kind, criteria.Kind);
        Assert.Equal(detail, criteria.AuditDetail);
    }

    [Fact]
    public void GivenUsDate_WhenParsed_ThenMonthComesFirst()
    {
        Assert.Equal(new DateOnly(1985, 3, 4), PatientSearchCriteria.Parse("03/04/1985").BornOn);
    }

    [Fact]
    public void GivenMixedCaseNameAndMrn_WhenParsed_ThenNormalisedForCaseInsensitiveMatching()
    {
        Assert.Equal(["smith", "jo"], PatientSearchCriteria.Parse("SMITH Jo").Words);
        Assert.Equal(["KC-1001"], PatientSearchCriteria.Parse("kc-1001").Words);
    }

    [Theory]
    [InlineData(null, 1, 20, true)]
    [InlineData("a", 0, 20, false)]
    [InlineData("a", 1, 0, false)]
    [InlineData("a", 1, 100, true)]
    [InlineData("a", 1, 101, false)]
    public void GivenPagingValues_WhenValidated_ThenOnlySensibleOnesPass(string? query, int page, int size, bool valid)
    {
        Assert.Equal(valid, PatientSearch.Validate(query, page, size).Count == 0);
    }

    [Fact]
    public void GivenQueryLongerThan100Characters_WhenValidated_ThenRejected()
    {
        Assert.Contains("query", PatientSearch.Validate(new string('a', 101), 1, 20).Keys);
        Assert.Empty(PatientSearch.Validate(new string('a', 100), 1, 20));
    }
}
