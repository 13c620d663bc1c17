using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Outcomes;

namespace KetamineClinic.Interop.Fhir.Inbound;

/// <summary>Reading references and instants out of inbound resources, collecting issues instead of throwing.</summary>
internal static partial class InboundReferences
{
    /// <summary>
    /// The id in a reference to <paramref name="type"/>: <c>Type/id</c>, <c>Type/id/_history/v</c> or an absolute URL
    /// ending in one of them. Adds an issue and returns null otherwise.
    /// </summary>
    public static string? IdOf(ResourceReference? reference, string type, string expression, bool required, List<FhirIssue> issues)
    {
        if (reference?.Reference is not { Length: > 0 } text)
        {
            if (required)
            {
                issues.Add(FhirIssue.Error(FhirIssueType.Required, $"A reference to a {type} is required.", expression));
            }
            else if (reference is not null)
            {
                issues.Add(FhirIssue.Error(FhirIssueType.NotSupported, $"Only literal references ({type}/id) are supported.", expression));
            }

            return null;
        }

        var match = ReferencePattern().Match(text);
        if (!match.Success || !string.Equals(match.Groups["type"].Value, type, StringComparison.Ordinal))
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Invalid, $"'{text}' is not a reference to a {type} ({type}/id).", expression));
            return null;
        }

        return match.Groups["id"].Value;
    }

    /// <summary>A dateTime/instant with seconds and a time zone (a reading needs an exact moment).</summary>
    public static DateTimeOffset? Instant(string? value, string expression, List<FhirIssue> issues)
    {
        if (value is null)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "A date and time is required.", expression));
            return null;
        }

        var match = InstantPattern().Match(value);
        if (!match.Success)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Invalid, $"'{value}' must be a full date and time with seconds and a time zone (e.g. 2026-03-02T14:05:00Z).", expression));
            return null;
        }

        // .NET reads at most 7 fractional digits; FHIR allows more.
        var fraction = match.Groups["fraction"].Value;
        var normalised = match.Groups["main"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(7, fraction.Length)] : string.Empty) + match.Groups["zone"].Value;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : Fail(value, expression, issues);
    }

    private static DateTimeOffset? Fail(string value, string expression, List<FhirIssue> issues)
    {
        issues.Add(FhirIssue.Error(FhirIssueType.Invalid, $"'{value}' is not a valid date and time.", expression));
        return null;
    }

    [GeneratedRegex(@"^(?:https?://\S+/)?(?<type>[A-Z][A-Za-z]+)/(?<id>[A-Za-z0-9\-\.]{1,64})(?:/_history/[A-Za-z0-9\-\.]{1,64})?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^(?<main>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d+))?(?<zone>Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex InstantPattern();
}
