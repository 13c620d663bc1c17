using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace KetamineClinic.Web.Features.Fhir.Search;

/// <summary>FHIR R4 search prefixes for dates (search.html#prefix). <c>ap</c> is not supported.</summary>
public enum FhirDatePrefix
{
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Sa,
    Eb,
}

/// <summary>
/// One date search value: a prefix and the implicit range of the value's precision (search.html#date): <c>2026</c>
/// is the whole year, <c>2026-11</c> the month, <c>2026-11-27</c> the day, <c>2026-11-27T10:00Z</c> the minute,
/// <c>…T10:00:05Z</c> the second, fractions down to their last digit. The range is [<see cref="Lower"/>,
/// <see cref="UpperExclusive"/>). A value without a time zone (a date, or a time without offset) is read in UTC.
/// </summary>
public sealed partial record FhirDateCriterion(FhirDatePrefix Prefix, DateTimeOffset Lower, DateTimeOffset UpperExclusive)
{
    /// <summary>Parses <c>[prefix]value</c>; false with a message for anything FHIR does not allow or this server does not support.</summary>
    public static bool TryParse(string text, out FhirDateCriterion? criterion, out string error)
    {
        criterion = null;
        error = string.Empty;
        // A '+' of a time zone arrives as a space when the client did not percent-encode it.
        var match = DatePattern().Match(text.Replace(' ', '+'));
        if (!match.Success)
        {
            error = $"'{text}' is not a FHIR date search value ([eq|ne|lt|gt|le|ge|sa|eb]YYYY[-MM[-DD[Thh:mm[:ss[.fff]][Z|±hh:mm]]]]).";
            return false;
        }
        var prefix = match.Groups["prefix"].Value switch
        {
            "" or "eq" => FhirDatePrefix.Eq,
            "ne" => FhirDatePrefix.Ne,
            "lt" => FhirDatePrefix.Lt,
            "gt" => FhirDatePrefix.Gt,
            "le" => FhirDatePrefix.Le,
            "ge" => FhirDatePrefix.Ge,
            "sa" => FhirDatePrefix.Sa,
            "eb" => FhirDatePrefix.Eb,
            _ => (FhirDatePrefix?)null,
        };
        if (prefix is null)
        {
            error = $"The date prefix '{match.Groups["prefix"].Value}' is not supported (eq, ne, lt, gt, le, ge, sa, eb are).";
            return false;
        }
        try
        {
            var year = Int(match, "year");
            var month = match.Groups["month"].Success ? Int(match, "month") : 1;
            var day = match.Groups["day"].Success ? Int(match, "day") : 1;
            var hour = match.Groups["hour"].Success ? Int(match, "hour") : 0;
            var minute = match.Groups["minute"].Success ? Int(match, "minute") : 0;
            var second = match.Groups["second"].Success ? Int(match, "second") : 0;
            var offset = ParseOffset(match.Groups["tz"].Value);
            var lower = new DateTimeOffset(year, month, day, hour, minute, second, offset);
            DateTimeOffset upper;
            if (match.Groups["fraction"].Success)
            {
                var digits = match.Groups["fraction"].Value;
                var used = digits.Length > 7 ? digits[..7] : digits;
                var ticks = long.Parse(used.PadRight(7, '0'), CultureInfo.InvariantCulture);
                lower = lower.AddTicks(ticks);
                upper = lower.AddTicks((long)Math.Pow(10, 7 - used.Length));
            }
            else if (match.Groups["second"].Success)
            {
                upper = lower.AddSeconds(1);
            }
            else if (match.Groups["hour"].Success)
            {
                upper = lower.AddMinutes(1);
            }
            else if (match.Groups["day"].Success)
            {
                upper = lower.AddDays(1);
            }
            else if (match.Groups["month"].Success)
            {
                upper = lower.AddMonths(1);
            }
            else
            {
                upper = lower.AddYears(1);
            }
            criterion = new FhirDateCriterion(prefix.Value, lower.ToUniversalTime(), upper.ToUniversalTime());
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = $"'{text}' is not a valid date or time.";
            return false;
        }
    }

    /// <summary>
    /// The predicate for a resource whose date is the range [start, end] (search.html#date, "prefix" table): a
    /// resource without a start never matches; <paramref name="end"/> null means an instant (end = start), an end
    /// that evaluates to null an open range (still going on).
    /// </summary>
    public Expression<Func<T, bool>> Predicate<T>(Expression<Func<T, DateTimeOffset?>> start, Expression<Func<T, DateTimeOffset?>>? end = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var row = start.Parameters[0];
        var s = start.Body;
        var lo = Expression.Constant(Lower, typeof(DateTimeOffset?));
        var hi = Expression.Constant(UpperExclusive, typeof(DateTimeOffset?));
        var nul = Expression.Constant(null, typeof(DateTimeOffset?));
        Expression body;
        if (end is null)
        {
            // An instant t: the range [t, t].
            body = Prefix switch
            {
                FhirDatePrefix.Eq => Expression.AndAlso(Expression.GreaterThanOrEqual(s, lo), Expression.LessThan(s, hi)),
                FhirDatePrefix.Ne => Expression.OrElse(Expression.LessThan(s, lo), Expression.GreaterThanOrEqual(s, hi)),
                FhirDatePrefix.Lt or FhirDatePrefix.Eb => Expression.LessThan(s, lo),
                FhirDatePrefix.Gt or FhirDatePrefix.Sa => Expression.GreaterThanOrEqual(s, hi),
                FhirDatePrefix.Le => Expression.LessThan(s, hi),
                FhirDatePrefix.Ge => Expression.GreaterThanOrEqual(s, lo),
            };
        }
        else
        {
            var e = new ParameterReplacer(end.Parameters[0], row).Visit(end.Body);
            var open = Expression.Equal(e, nul);
            var contained = Expression.AndAlso(Expression.GreaterThanOrEqual(s, lo), Expression.AndAlso(Expression.NotEqual(e, nul), Expression.LessThan(e, hi)));
            var above = Expression.OrElse(open, Expression.GreaterThanOrEqual(e, hi));
            var below = Expression.LessThan(s, lo);
            body = Prefix switch
            {
                FhirDatePrefix.Eq => contained,
                FhirDatePrefix.Ne => Expression.AndAlso(Expression.NotEqual(s, nul), Expression.Not(contained)),
                FhirDatePrefix.Lt => below,
                FhirDatePrefix.Gt => above,
                FhirDatePrefix.Le => Expression.OrElse(below, contained),
                FhirDatePrefix.Ge => Expression.OrElse(above, contained),
                FhirDatePrefix.Sa => Expression.GreaterThanOrEqual(s, hi),
                FhirDatePrefix.Eb => Expression.AndAlso(Expression.NotEqual(e, nul), Expression.LessThan(e, lo)),
            };
        }
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static TimeSpan ParseOffset(string tz)
    {
        if (tz.Length == 0 || tz == "Z")
        {
            return TimeSpan.Zero;
        }
        var sign = tz[0] == '-' ? -1 : 1;
        var hours = int.Parse(tz.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(tz.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(tz), "Time zone offset out of range.");
        }
        return sign * new TimeSpan(hours, minutes, 0);
    }

    [GeneratedRegex(
        @"^(?<prefix>[a-z]{2})?(?<year>\d{4})(-(?<month>\d{2})(-(?<day>\d{2})(T(?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(\.(?<fraction>\d{1,9}))?)?(?<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex DatePattern();
}

/// <summary>Swaps one lambda parameter for another, to combine expressions over the same row.</summary>
internal sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
