using System.Globalization;

namespace KetamineClinic.Domain.ControlledSubstances;

/// <summary>A US federal holiday (5 U.S.C. 6103) in a given year, with the date it is observed.</summary>
/// <param name="Name">Holiday name as in 5 U.S.C. 6103(a).</param>
/// <param name="Date">The legal date of the holiday.</param>
/// <param name="ObservedOn">
/// The day off: a Saturday holiday is observed the Friday before and a Sunday holiday the Monday after
/// (5 U.S.C. 6103(b); Executive Order 11582). New Year's Day on a Saturday is observed on 31 December of the
/// previous year.
/// </param>
public sealed record FederalHoliday(string Name, DateOnly Date, DateOnly ObservedOn);

/// <summary>
/// US federal holidays and business days for DEA-04 deadlines (clinical-spec §9): a business day is Monday–Friday
/// and not the observed date of a federal holiday. Computed for any year from 1971 (Uniform Monday Holiday Act)
/// to 9999; no year list is hard-coded. Inauguration Day (DC area only) and one-off executive-order closures are
/// not 6103(a) holidays and are not included (treating such a day as a business day can only make a deadline
/// earlier, never later).
/// </summary>
public static class UsFederalHolidays
{
    /// <summary>First year computed (the Monday-holiday rules took effect in 1971).</summary>
    public const int FirstYear = 1971;

    /// <summary>Last year computed.</summary>
    public const int LastYear = 9999;

    /// <summary>The federal holidays whose legal date falls in <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<FederalHoliday> For(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        var holidays = new List<FederalHoliday>
        {
            Fixed("New Year's Day", year, 1, 1),
        };
        if (year >= 1986)
        {
            holidays.Add(Floating("Birthday of Martin Luther King, Jr.", Nth(year, 1, DayOfWeek.Monday, 3)));
        }
        holidays.Add(Floating("Washington's Birthday", Nth(year, 2, DayOfWeek.Monday, 3)));
        holidays.Add(Floating("Memorial Day", Last(year, 5, DayOfWeek.Monday)));
        if (year >= 2021)
        {
            holidays.Add(Fixed("Juneteenth National Independence Day", year, 6, 19));
        }
        holidays.Add(Fixed("Independence Day", year, 7, 4));
        holidays.Add(Floating("Labor Day", Nth(year, 9, DayOfWeek.Monday, 1)));
        holidays.Add(Floating("Columbus Day", Nth(year, 10, DayOfWeek.Monday, 2)));
        // Veterans Day was the fourth Monday in October from 1971 to 1977, 11 November before and since.
        holidays.Add(year <= 1977
            ? Floating("Veterans Day", Nth(year, 10, DayOfWeek.Monday, 4))
            : Fixed("Veterans Day", year, 11, 11));
        holidays.Add(Floating("Thanksgiving Day", Nth(year, 11, DayOfWeek.Thursday, 4)));
        holidays.Add(Fixed("Christmas Day", year, 12, 25));
        return holidays.OrderBy(h => h.Date).ToList().AsReadOnly();
    }

    /// <summary>True when <paramref name="date"/> is the observed day off of a federal holiday.</summary>
    public static bool IsObservedHoliday(DateOnly date) => ObservedHolidayOn(date) is not null;

    /// <summary>The holiday observed on <paramref name="date"/>, or null.</summary>
    public static FederalHoliday? ObservedHolidayOn(DateOnly date)
    {
        var candidates = For(date.Year).AsEnumerable();
        if (date.Month == 12 && date.Day == 31 && date.Year < LastYear)
        {
            candidates = candidates.Concat(For(date.Year + 1)); // next New Year's Day observed on a Friday 31 Dec
        }
        return candidates.FirstOrDefault(h => h.ObservedOn == date);
    }

    /// <summary>DEA-04 business day: Monday–Friday and not the observed date of a federal holiday.</summary>
    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsObservedHoliday(date);

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public static DateOnly NextBusinessDayAfter(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsBusinessDay(next))
        {
            next = next.AddDays(1);
        }
        return next;
    }

    private static FederalHoliday Fixed(string name, int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var observed = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };
        return new FederalHoliday(name, date, observed);
    }

    private static FederalHoliday Floating(string name, DateOnly date) => new(name, date, date);

    /// <summary>The <paramref name="n"/>-th <paramref name="day"/> of a month (n = 1..4).</summary>
    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    /// <summary>The last <paramref name="day"/> of a month.</summary>
    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.AddDays(-offset);
    }

    /// <summary>Readable list for logs and tests, e.g. "2026-07-03 Independence Day (2026-07-04)".</summary>
    public static string Describe(int year) => string.Join(
        "; ",
        For(year).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.ObservedOn:yyyy-MM-dd} {h.Name} ({h.Date:yyyy-MM-dd})")));
}
