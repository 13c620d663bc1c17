using System.Globalization;
using System.Text.RegularExpressions;

namespace KetamineClinic.Interop.Fhir;

/// <summary>
/// The id scheme: every resource id is the entity's <see cref="Guid"/> in "D" format, lower case
/// (<c>3f2b8c1e-5d7a-4c3e-9a51-0b6f2d9e4a10</c>): 36 characters, inside FHIR's <c>[A-Za-z0-9\-\.]{1,64}</c>,
/// and the same text the database, logs and URLs already use. Site-derived Location and HealthcareService share
/// the site's id (ids are unique per resource type).
/// </summary>
public static partial class FhirIds
{
    /// <summary>The FHIR id of an entity key.</summary>
    public static string From(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="id"/> is a legal FHIR id (R4 <c>id</c> datatype).</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Parses an id of this server's scheme back into the entity key.</summary>
    public static bool TryParseGuid(string? id, out Guid value) =>
        Guid.TryParseExact(id, "D", out value);

    /// <summary>Returns <paramref name="id"/> when it is a legal FHIR id, else throws.</summary>
    /// <exception cref="ArgumentException">The id is empty or has characters FHIR does not allow.</exception>
    public static string Require(string id, string paramName) =>
        IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a FHIR id ([A-Za-z0-9-.]{{1,64}}).", paramName);

    /// <summary>Same as <see cref="Require"/> for an optional id.</summary>
    public static string? RequireOptional(string? id, string paramName) => id is null ? null : Require(id, paramName);

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
