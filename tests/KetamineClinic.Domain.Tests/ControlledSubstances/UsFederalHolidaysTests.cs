using CsCheck;
using KetamineClinic.Domain.ControlledSubstances;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

[Trait("Rule", "DEA-04")]
public sealed class UsFederalHolidaysTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void GivenJuly4th2026OnSaturday_WhenObserved_ThenFridayJuly3IsTheHolidayAndNotABusinessDay()
    {
        var independence = UsFederalHolidays.For(2026).Single(h => h.Name == "Independence Day");

        Assert.Equal(D(2026, 7, 4), independence.Date);
        Assert.Equal(D(2026, 7, 3), independence.ObservedOn);
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2026, 7, 3)));
        Assert.True(UsFederalHolidays.IsBusinessDay(D(2026, 7, 2)));
        Assert.True(UsFederalHolidays.IsBusinessDay(D(2026, 7, 6)));
    }

    [Fact]
    public void GivenChristmas2022OnSunday_WhenObserved_ThenMondayDecember26()
    {
        var christmas = UsFederalHolidays.For(2022).Single(h => h.Name == "Christmas Day");

        Assert.Equal(D(2022, 12, 26), christmas.ObservedOn);
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2022, 12, 26)));
        Assert.Equal(D(2022, 12, 27), UsFederalHolidays.NextBusinessDayAfter(D(2022, 12, 23)));
    }

    [Fact]
    public void GivenNewYear2022OnSaturday_WhenObserved_ThenFridayDecember31OfThePreviousYear()
    {
        Assert.Equal(D(2021, 12, 31), UsFederalHolidays.For(2022)[0].ObservedOn);
        Assert.Equal("New Year's Day", UsFederalHolidays.ObservedHolidayOn(D(2021, 12, 31))!.Name);
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2021, 12, 31)));
        Assert.Equal(D(2022, 1, 3), UsFederalHolidays.NextBusinessDayAfter(D(2021, 12, 30)));
    }

    [Fact]
    public void GivenNewYear2023OnSunday_WhenObserved_ThenMondayJanuary2()
    {
        Assert.Equal(D(2023, 1, 2), UsFederalHolidays.For(2023)[0].ObservedOn);
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2023, 1, 2)));
        Assert.True(UsFederalHolidays.IsBusinessDay(D(2022, 12, 30)));
        Assert.Null(UsFederalHolidays.ObservedHolidayOn(D(2022, 12, 30)));
    }

    [Fact]
    public void GivenAnOrdinaryDecember31_WhenChecked_ThenItIsABusinessDay()
    {
        // 2025-12-31 is a Wednesday; 2026-01-01 is a Thursday, observed on its own date.
        Assert.True(UsFederalHolidays.IsBusinessDay(D(2025, 12, 31)));
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2026, 1, 1)));
    }

    [Fact]
    public void Given2025_WhenListed_ThenElevenObservedHolidays()
    {
        Assert.Equal(
            "2025-01-01 New Year's Day (2025-01-01); 2025-01-20 Birthday of Martin Luther King, Jr. (2025-01-20); " +
            "2025-02-17 Washington's Birthday (2025-02-17); 2025-05-26 Memorial Day (2025-05-26); " +
            "2025-06-19 Juneteenth National Independence Day (2025-06-19); 2025-07-04 Independence Day (2025-07-04); " +
            "2025-09-01 Labor Day (2025-09-01); 2025-10-13 Columbus Day (2025-10-13); 2025-11-11 Veterans Day (2025-11-11); " +
            "2025-11-27 Thanksgiving Day (2025-11-27); 2025-12-25 Christmas Day (2025-12-25)",
            UsFederalHolidays.Describe(2025));
    }

    [Fact]
    public void Given2026_WhenListed_ThenObservedDatesIncludeFridayJuly3()
    {
        Assert.Equal(
            [D(2026, 1, 1), D(2026, 1, 19), D(2026, 2, 16), D(2026, 5, 25), D(2026, 6, 19), D(2026, 7, 3),
             D(2026, 9, 7), D(2026, 10, 12), D(2026, 11, 11), D(2026, 11, 26), D(2026, 12, 25)],
            UsFederalHolidays.For(2026).Select(h => h.ObservedOn));
    }

    [Theory]
    [InlineData(2024, 5, 27, "Memorial Day")]
    [InlineData(2024, 9, 2, "Labor Day")]
    [InlineData(2024, 11, 28, "Thanksgiving Day")]
    [InlineData(2024, 1, 15, "Birthday of Martin Luther King, Jr.")]
    [InlineData(2027, 6, 18, "Juneteenth National Independence Day")]
    [InlineData(2027, 7, 5, "Independence Day")]
    [InlineData(2027, 12, 24, "Christmas Day")]
    [InlineData(2027, 12, 31, "New Year's Day")]
    [InlineData(2023, 11, 10, "Veterans Day")]
    [InlineData(2020, 5, 25, "Memorial Day")]
    [InlineData(2031, 5, 26, "Memorial Day")]
    public void GivenDate_WhenChecked_ThenObservedHoliday(int y, int m, int d, string name) =>
        Assert.Equal(name, UsFederalHolidays.ObservedHolidayOn(D(y, m, d))?.Name);

    [Fact]
    public void GivenJuneteenth_WhenBeforeAndFrom2021_ThenOnlyFrom2021AndObservedFridayJune18In2021()
    {
        Assert.True(UsFederalHolidays.IsBusinessDay(D(2020, 6, 19)));
        Assert.Equal(10, UsFederalHolidays.For(2020).Count);
        Assert.Equal(11, UsFederalHolidays.For(2021).Count);
        Assert.False(UsFederalHolidays.IsBusinessDay(D(2021, 6, 18)));
    }

    [Fact]
    public void GivenKingDay_WhenBeforeAndFrom1986_ThenOnlyFrom1986()
    {
        Assert.DoesNotContain(UsFederalHolidays.For(1985), h => h.Name.StartsWith("Birthday of Martin", StringComparison.Ordinal));
        Assert.Equal(D(1986, 1, 20), UsFederalHolidays.For(1986).Single(h => h.Name.StartsWith("Birthday of Martin", StringComparison.Ordinal)).Date);
        Assert.Equal(9, UsFederalHolidays.For(1985).Count);
    }

    [Fact]
    public void GivenVeteransDay_When1971To1977_ThenFourthMondayOfOctober()
    {
        Assert.Equal(D(1975, 10, 27), UsFederalHolidays.For(1975).Single(h => h.Name == "Veterans Day").Date);
        Assert.Equal(D(1977, 10, 24), UsFederalHolidays.For(1977).Single(h => h.Name == "Veterans Day").Date);
        var v1978 = UsFederalHolidays.For(1978).Single(h => h.Name == "Veterans Day");
        Assert.Equal(D(1978, 11, 11), v1978.Date);
        Assert.Equal(D(1978, 11, 10), v1978.ObservedOn);
    }

    [Fact]
    public void GivenYearOutsideTheSupportedRange_WhenListed_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UsFederalHolidays.For(1970));
        Assert.Equal(9, UsFederalHolidays.For(1971).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => UsFederalHolidays.For(10000));
        Assert.Equal(11, UsFederalHolidays.For(9999).Count);
        Assert.True(UsFederalHolidays.IsBusinessDay(D(9999, 12, 31))); // a Friday; no overflow looking at year 10000
        Assert.False(UsFederalHolidays.IsBusinessDay(D(9999, 12, 24))); // Christmas 9999 is a Saturday
    }

    [Theory]
    [InlineData(2025, 5, 2, 2025, 5, 5)]
    [InlineData(2025, 7, 3, 2025, 7, 7)]
    [InlineData(2025, 12, 24, 2025, 12, 26)]
    [InlineData(2025, 11, 26, 2025, 11, 28)]
    [InlineData(2025, 5, 3, 2025, 5, 5)]
    [InlineData(2025, 5, 4, 2025, 5, 5)]
    [InlineData(2025, 5, 5, 2025, 5, 6)]
    [InlineData(2025, 1, 17, 2025, 1, 21)]
    public void GivenDiscoveryDate_WhenNextBusinessDayAfter_ThenSkipsWeekendsAndHolidays(int y, int m, int d, int ey, int em, int ed) =>
        Assert.Equal(D(ey, em, ed), UsFederalHolidays.NextBusinessDayAfter(D(y, m, d)));

    [Fact]
    public void GivenAnyYear_WhenHolidaysListed_ThenObservedOnWeekdaysDistinctAndWithinADayOfTheDate() =>
        Gen.Int[UsFederalHolidays.FirstYear, 2400].Sample(year =>
        {
            var list = UsFederalHolidays.For(year);
            return list.All(h => h.ObservedOn.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                && list.All(h => Math.Abs(h.ObservedOn.DayNumber - h.Date.DayNumber) <= 1)
                && list.Select(h => h.ObservedOn).Distinct().Count() == list.Count
                && list.All(h => h.Date.Year == year)
                && list.Count == (year >= 2021 ? 11 : year >= 1986 ? 10 : 9);
        });

    [Fact]
    public void GivenAnyDate_WhenNextBusinessDayAfter_ThenItIsTheFirstBusinessDayStrictlyAfter() =>
        Gen.Int[new DateOnly(1971, 1, 1).DayNumber, new DateOnly(2400, 1, 1).DayNumber].Sample(dayNumber =>
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            var next = UsFederalHolidays.NextBusinessDayAfter(date);
            var between = Enumerable.Range(1, next.DayNumber - date.DayNumber - 1).Select(i => date.AddDays(i));
            return next > date
                && next.DayNumber - date.DayNumber <= 4
                && UsFederalHolidays.IsBusinessDay(next)
                && between.All(d => !UsFederalHolidays.IsBusinessDay(d));
        });
}
