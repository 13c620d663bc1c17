namespace KetamineClinic.Domain.Instruments;

/// <summary>Argument checks for positional records (a property initializer cannot hold a statement).</summary>
internal static class Checks
{
    public static string NotBlank(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value;
    }

    public static IReadOnlyList<string> AtLeast(IReadOnlyList<string> linkIds, int count, string paramName)
    {
        ArgumentNullException.ThrowIfNull(linkIds, paramName);
        if (linkIds.Count < count || linkIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Needs at least {count} non-blank item link id(s).", paramName);
        }

        return linkIds;
    }
}
