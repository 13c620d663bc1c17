using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>The SMART v2 permissions of a resource scope, <c>cruds</c>: create, read, update, delete, search.</summary>
[Flags]
public enum SmartPermissions
{
    None = 0,
    Create = 1,
    Read = 2,
    Update = 4,
    Delete = 8,
    Search = 16,
    All = Create | Read | Update | Delete | Search,
}

/// <summary>
/// A SMART on FHIR system scope, <c>system/&lt;ResourceType|*&gt;.&lt;cruds&gt;</c> (SMART App Launch v2, "Scopes
/// for requesting FHIR resources"). Only system scopes exist here: the server offers the client-credentials flow
/// (SMART Backend Services) and nothing else, so <c>patient/</c> and <c>user/</c> scopes have nobody to refer to.
/// <para>v1 forms are accepted as aliases, as SMART v2 §"Scopes for requesting FHIR resources" maps them:
/// <c>.read</c> = <c>.rs</c>, <c>.write</c> = <c>.cud</c>, <c>.*</c> = <c>.cruds</c>.</para>
/// <para>v2 granular scopes (a query after the permissions, <c>system/Observation.rs?category=...</c>) are refused:
/// a token must never appear to allow less than it does, and the resource endpoints do not filter by them.</para>
/// </summary>
public sealed record SmartScope
{
    public const string Prefix = "system/";
    public const string AnyResource = "*";

    /// <summary>Longer text is refused outright; the longest real scope is about 60 characters.</summary>
    public const int MaxLength = 100;

    private SmartScope(string resourceType, SmartPermissions permissions)
    {
        ResourceType = resourceType;
        Permissions = permissions;
    }

    /// <summary>An R4 resource type, or <see cref="AnyResource"/>.</summary>
    public string ResourceType { get; }

    /// <summary>Never <see cref="SmartPermissions.None"/>.</summary>
    public SmartPermissions Permissions { get; }

    public bool IsAnyResource => ResourceType == AnyResource;

    /// <summary>
    /// Types the wildcard does not reach: <c>system/*.rs</c> does not read the audit trail (who looked at which
    /// patient is itself sensitive); a client needs <c>system/AuditEvent.rs</c> by name, which only an
    /// administrator can register.
    /// </summary>
    public static bool NeedsExplicitScope(string resourceType) => string.Equals(resourceType, "AuditEvent", StringComparison.Ordinal);

    /// <summary>Builds a scope from parts (validated like parsed text).</summary>
    public static SmartScope For(string resourceType, SmartPermissions permissions)
    {
        if (resourceType != AnyResource && !FhirResourceTypes.IsKnown(resourceType))
        {
            throw new ArgumentException($"'{resourceType}' is not a FHIR R4 resource type.", nameof(resourceType));
        }
        if (permissions == SmartPermissions.None || (permissions & ~SmartPermissions.All) != SmartPermissions.None)
        {
            throw new ArgumentOutOfRangeException(nameof(permissions), permissions, "A scope needs at least one of c, r, u, d, s.");
        }
        return new SmartScope(resourceType, permissions);
    }

    /// <summary>True when this scope grants every one of <paramref name="needed"/> on <paramref name="resourceType"/>.</summary>
    public bool Allows(string resourceType, SmartPermissions needed) =>
        needed != SmartPermissions.None
        && ((IsAnyResource && !NeedsExplicitScope(resourceType)) || string.Equals(ResourceType, resourceType, StringComparison.Ordinal))
        && (Permissions & needed) == needed;

    /// <summary>The canonical v2 text, e.g. <c>system/Observation.rs</c> (a v1 alias comes back in v2 form).</summary>
    public override string ToString() => Prefix + ResourceType + "." + Letters(Permissions);

    /// <summary>The v2 permission letters in their fixed order, e.g. <c>rs</c>.</summary>
    public static string Letters(SmartPermissions permissions)
    {
        var text = new StringBuilder(5);
        foreach (var (letter, flag) in Order)
        {
            if ((permissions & flag) != SmartPermissions.None)
            {
                text.Append(letter);
            }
        }
        return text.ToString();
    }

    public static SmartScope Parse(string text) =>
        TryParse(text, out var scope, out var error) ? scope : throw new FormatException(error);

    /// <summary>Parses one scope; on failure <paramref name="error"/> says why in words an administrator can act on.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SmartScope? scope, [NotNullWhen(false)] out string? error)
    {
        scope = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "A scope is empty.";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"A scope is longer than {MaxLength} characters.";
            return false;
        }
        if (text.StartsWith("patient/", StringComparison.Ordinal) || text.StartsWith("user/", StringComparison.Ordinal))
        {
            error = $"'{text}': only system/ scopes are offered (client credentials, no user or patient sign-in).";
            return false;
        }
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"'{text}' is not a SMART system scope (system/<ResourceType or *>.<cruds>).";
            return false;
        }
        var body = text.AsSpan(Prefix.Length);
        var dot = body.IndexOf('.');
        if (dot <= 0 || dot == body.Length - 1)
        {
            error = $"'{text}' is not a SMART system scope (system/<ResourceType or *>.<cruds>).";
            return false;
        }
        var resourceType = body[..dot].ToString();
        var permissionText = body[(dot + 1)..];
        if (permissionText.Contains('?'))
        {
            error = $"'{text}': granular scopes (with a query) are not supported.";
            return false;
        }
        if (resourceType != AnyResource && !FhirResourceTypes.IsKnown(resourceType))
        {
            error = $"'{text}': '{resourceType}' is not a FHIR R4 resource type (names are case-sensitive).";
            return false;
        }
        var permissions = permissionText switch
        {
            // SMART v1 forms, mapped as SMART v2 maps them.
            "read" => SmartPermissions.Read | SmartPermissions.Search,
            "write" => SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete,
            "*" => SmartPermissions.All,
            _ => ParseLetters(permissionText),
        };
        if (permissions == SmartPermissions.None)
        {
            error = $"'{text}': permissions must be letters of 'cruds', each at most once and in that order (e.g. rs, cud), or read/write/*.";
            return false;
        }
        scope = new SmartScope(resourceType, permissions);
        error = null;
        return true;
    }

    private static readonly (char Letter, SmartPermissions Flag)[] Order =
    [
        ('c', SmartPermissions.Create),
        ('r', SmartPermissions.Read),
        ('u', SmartPermissions.Update),
        ('d', SmartPermissions.Delete),
        ('s', SmartPermissions.Search),
    ];

    /// <summary>cruds letters in order without repeats; None when anything else appears.</summary>
    private static SmartPermissions ParseLetters(ReadOnlySpan<char> letters)
    {
        var permissions = SmartPermissions.None;
        var next = 0;
        foreach (var c in letters)
        {
            var found = false;
            while (next < Order.Length)
            {
                var (letter, flag) = Order[next++];
                if (letter == c)
                {
                    permissions |= flag;
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                return SmartPermissions.None;
            }
        }
        return permissions;
    }
}

/// <summary>
/// A set of scopes, e.g. what a client may request or what a token carries; parsed from OAuth's space-separated
/// list.
/// </summary>
public sealed class SmartScopeSet
{
    private SmartScopeSet(IReadOnlyList<SmartScope> scopes) => Scopes = scopes;

    public static SmartScopeSet Empty { get; } = new([]);

    public IReadOnlyList<SmartScope> Scopes { get; }

    /// <summary>The canonical texts, space-separated, in the order given (duplicates dropped).</summary>
    public override string ToString() => string.Join(' ', Scopes.Select(s => s.ToString()));

    public static SmartScopeSet Of(IEnumerable<SmartScope> scopes) => new([.. scopes.Distinct()]);

    /// <summary>Parses a space-separated list; every error is reported, not only the first.</summary>
    public static bool TryParse(string? text, out SmartScopeSet set, out IReadOnlyList<string> errors) =>
        TryParse((text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out set, out errors);

    public static bool TryParse(IEnumerable<string> texts, out SmartScopeSet set, out IReadOnlyList<string> errors)
    {
        var scopes = new List<SmartScope>();
        var problems = new List<string>();
        foreach (var text in texts)
        {
            if (SmartScope.TryParse(text, out var scope, out var error))
            {
                scopes.Add(scope);
            }
            else
            {
                problems.Add(error);
            }
        }
        set = Of(scopes);
        errors = problems;
        return problems.Count == 0;
    }

    /// <summary>
    /// Tokens: the scopes that parse, ignoring the rest (a token only carries what the server granted, and a scope
    /// this parser does not know grants nothing).
    /// </summary>
    public static SmartScopeSet FromGranted(IEnumerable<string> texts) =>
        Of(texts.Select(t => SmartScope.TryParse(t, out var s, out _) ? s : null).OfType<SmartScope>());

    /// <summary>True when the scopes together grant every one of <paramref name="needed"/> on <paramref name="resourceType"/>.</summary>
    public bool Allows(string resourceType, SmartPermissions needed)
    {
        var granted = SmartPermissions.None;
        foreach (var scope in Scopes)
        {
            if ((scope.IsAnyResource && !SmartScope.NeedsExplicitScope(resourceType))
                || string.Equals(scope.ResourceType, resourceType, StringComparison.Ordinal))
            {
                granted |= scope.Permissions;
            }
        }
        return needed != SmartPermissions.None && (granted & needed) == needed;
    }

    /// <summary>
    /// True when a client allowed this set may be granted <paramref name="requested"/>: a wildcard request needs
    /// wildcard permission (<c>system/Observation.rs</c> + <c>system/Patient.rs</c> do not make <c>system/*.rs</c>);
    /// a request for one type may combine wildcard and typed permissions.
    /// </summary>
    public bool Covers(SmartScope requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (!requested.IsAnyResource)
        {
            return Allows(requested.ResourceType, requested.Permissions);
        }
        var granted = SmartPermissions.None;
        foreach (var scope in Scopes.Where(s => s.IsAnyResource))
        {
            granted |= scope.Permissions;
        }
        return (granted & requested.Permissions) == requested.Permissions;
    }
}
