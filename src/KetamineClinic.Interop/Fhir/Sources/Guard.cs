namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>Argument checks shared by the source records (invalid input is a programming error: throw).</summary>
internal static class Guard
{
    public static string NotBlank(string value, string paramName) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must not be empty.", paramName) : value;

    public static string? NotBlankOptional(string? value, string paramName) =>
        value is not null && string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must be null or non-empty.", paramName) : value;

    public static T Check<T>(T value, bool ok, string message, string paramName) =>
        ok ? value : throw new ArgumentException(message, paramName);

    public static int? NotNegative(int? value, string paramName) =>
        value is < 0 ? throw new ArgumentOutOfRangeException(paramName, value, "Must not be negative.") : value;

    public static string? RelativeReference(string? value, string paramName) =>
        value is null || ReferenceText.IsRelative(value) ? value : throw new ArgumentException($"'{value}' is not a relative reference 'Type/id'.", paramName);

    public static decimal Positive(decimal value, string paramName) =>
        value > 0m ? value : throw new ArgumentOutOfRangeException(paramName, value, "Must be greater than zero.");

    public static decimal? PositiveOptional(decimal? value, string paramName) => value is { } v ? Positive(v, paramName) : null;

    public static decimal InRange(decimal value, decimal min, decimal max, string paramName) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, $"Must be between {min} and {max}.");

    public static IReadOnlyList<string> Ids(IReadOnlyList<string> ids, string paramName)
    {
        foreach (var id in ids)
        {
            FhirIds.Require(id, paramName);
        }

        return ids;
    }

    public static DateTimeOffset? NotBefore(DateTimeOffset? end, DateTimeOffset start, string paramName) =>
        end is { } e && e < start ? throw new ArgumentException("The end must not be before the start.", paramName) : end;
}
