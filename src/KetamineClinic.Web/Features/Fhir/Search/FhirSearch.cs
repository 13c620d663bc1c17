using System.Globalization;
using System.Linq.Expressions;
using KetamineClinic.Interop.Fhir;
using Microsoft.Extensions.Primitives;

namespace KetamineClinic.Web.Features.Fhir.Search;

/// <summary>A token search value: <c>system|code</c>, <c>|code</c> (no system), <c>code</c> (any system), <c>system|</c> (any code of the system).</summary>
/// <param name="System">Null: any system; empty: the coding has no system.</param>
/// <param name="Code">Null: any code (<c>system|</c>).</param>
public sealed record FhirToken(string? System, string? Code)
{
    public bool Matches(string? system, string code) =>
        (System is null || string.Equals(System, system ?? string.Empty, StringComparison.Ordinal))
        && (Code is null || string.Equals(Code, code, StringComparison.Ordinal));

    public static FhirToken Parse(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return new FhirToken(null, text);
        }
        var code = text[(bar + 1)..];
        return new FhirToken(text[..bar], code.Length == 0 ? null : code);
    }
}

/// <summary>
/// A validated search request for one resource type: its parameters (each occurrence of a parameter is ANDed,
/// the comma-separated values of one occurrence ORed, search.html#combining), the page and the order.
/// </summary>
public sealed class FhirSearch
{
    private readonly Dictionary<string, List<IReadOnlyList<object>>> _values = new(StringComparer.Ordinal);

    public required string ResourceType { get; init; }

    /// <summary>Page size (<c>_count</c>); 0 asks for the total only.</summary>
    public int Count { get; init; } = FhirSearchParser.DefaultCount;

    /// <summary>How many matches the page skips (<c>_offset</c>, set by the server's own paging links).</summary>
    public int Offset { get; init; }

    /// <summary><c>_sort=-date</c>: newest first. Without it, and with <c>_sort=date</c>, oldest first.</summary>
    public bool Descending { get; init; }

    /// <summary>The <c>_sort</c> value as given (for the links), or null.</summary>
    public string? Sort { get; init; }

    /// <summary>The parameters that were applied, as received (name, raw value), for the self and paging links.</summary>
    public List<KeyValuePair<string, string>> Applied { get; } = [];

    /// <summary>Parameters ignored under <c>Prefer: handling=lenient</c>, one message each.</summary>
    public List<string> Warnings { get; } = [];

    internal void Add(string name, IReadOnlyList<object> anyOf) =>
        (_values.TryGetValue(name, out var list) ? list : _values[name] = []).Add(anyOf);

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Reference parameters (ids of the target type), one list per occurrence; several names are aliases (patient, subject).</summary>
    public IReadOnlyList<IReadOnlyList<Guid>> References(params string[] names) =>
        [.. names.SelectMany(n => _values.GetValueOrDefault(n) ?? []).Select(l => (IReadOnlyList<Guid>)[.. l.Cast<Guid>()])];

    public IReadOnlyList<IReadOnlyList<FhirToken>> Tokens(string name) =>
        [.. (_values.GetValueOrDefault(name) ?? []).Select(l => (IReadOnlyList<FhirToken>)[.. l.Cast<FhirToken>()])];

    public IReadOnlyList<IReadOnlyList<FhirDateCriterion>> Dates(string name) =>
        [.. (_values.GetValueOrDefault(name) ?? []).Select(l => (IReadOnlyList<FhirDateCriterion>)[.. l.Cast<FhirDateCriterion>()])];

    public IReadOnlyList<IReadOnlyList<string>> Strings(string name) =>
        [.. (_values.GetValueOrDefault(name) ?? []).Select(l => (IReadOnlyList<string>)[.. l.Cast<string>()])];

    /// <summary>
    /// True when a resource with this one coding passes every occurrence of token parameter <paramref name="name"/>
    /// (for values fixed per source: a vital-sign source knows its code, category and status without asking the database).
    /// </summary>
    public bool TokenAllows(string name, string? system, string code) =>
        Tokens(name).All(anyOf => anyOf.Any(t => t.Matches(system, code)));

    /// <summary>Same as <see cref="TokenAllows(string, string?, string)"/> when the resource carries several codings (any may match).</summary>
    public bool TokenAllowsAny(string name, IEnumerable<(string? System, string Code)> codings) =>
        Tokens(name).All(anyOf => codings.Any(c => anyOf.Any(t => t.Matches(c.System, c.Code))));

    /// <summary>Applies the reference parameters <paramref name="names"/> to <paramref name="key"/> (IN per occurrence).</summary>
    public IQueryable<T> WhereReference<T>(IQueryable<T> rows, Expression<Func<T, Guid>> key, params string[] names)
    {
        foreach (var anyOf in References(names))
        {
            var ids = anyOf.ToList();
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], Expression.Constant(ids), key.Body);
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(contains, key.Parameters));
        }
        return rows;
    }

    /// <summary>Applies the date parameter <paramref name="name"/>: see <see cref="FhirDateCriterion.Predicate{T}"/>.</summary>
    public IQueryable<T> WhereDate<T>(IQueryable<T> rows, string name, Expression<Func<T, DateTimeOffset?>> start, Expression<Func<T, DateTimeOffset?>>? end = null)
    {
        foreach (var anyOf in Dates(name))
        {
            Expression<Func<T, bool>>? predicate = null;
            foreach (var criterion in anyOf)
            {
                var next = criterion.Predicate(start, end);
                predicate = predicate is null
                    ? next
                    : Expression.Lambda<Func<T, bool>>(
                        Expression.OrElse(predicate.Body, new ParameterReplacer(next.Parameters[0], predicate.Parameters[0]).Visit(next.Body)),
                        predicate.Parameters);
            }
            rows = rows.Where(predicate!);
        }
        return rows;
    }

    /// <summary>The values of a token parameter mapped to entity values (e.g. status codes to phases); null when the parameter is absent.</summary>
    public IReadOnlyList<IReadOnlyList<TValue>>? TokenValues<TValue>(string name, Func<FhirToken, IEnumerable<TValue>> map) =>
        Has(name) ? [.. Tokens(name).Select(anyOf => (IReadOnlyList<TValue>)[.. anyOf.SelectMany(map).Distinct()])] : null;

    /// <summary>Applies <see cref="TokenValues{TValue}"/> to a column (IN per occurrence).</summary>
    public IQueryable<T> WhereToken<T, TValue>(IQueryable<T> rows, string name, Expression<Func<T, TValue>> column, Func<FhirToken, IEnumerable<TValue>> map)
    {
        foreach (var anyOf in TokenValues(name, map) ?? [])
        {
            var values = anyOf.ToList();
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TValue)], Expression.Constant(values), column.Body);
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(contains, column.Parameters));
        }
        return rows;
    }
}

/// <summary>Validates a search request against the resource type's parameters.</summary>
public static class FhirSearchParser
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    /// <summary>Result parameters every search understands; <c>_format</c> is the door's.</summary>
    public static readonly IReadOnlyList<FhirSearchParam> CommonParameters =
    [
        new("_count", FhirSearchParamType.Number, $"Page size, default {DefaultCount}, at most {MaxCount}; 0 returns the total only."),
        new("_offset", FhirSearchParamType.Number, "Matches to skip; the server's next/previous links carry it (not a standard FHIR parameter)."),
    ];

    /// <summary>
    /// Parses the query. Unknown parameters, modifiers this server does not support and malformed values are errors
    /// (400) unless the client asked for <c>Prefer: handling=lenient</c>, in which case they are ignored and listed in
    /// <see cref="FhirSearch.Warnings"/>.
    /// </summary>
    public static FhirSearch Parse(IFhirResourceDefinition definition, IEnumerable<KeyValuePair<string, StringValues>> query, bool lenient, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var parameters = definition.SearchParameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        int? count = null;
        var offset = 0;
        string? sort = null;
        var pairs = query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))).ToList();
        var search = new FhirSearch { ResourceType = definition.ResourceType };
        var values = new List<(string Name, string Raw, IReadOnlyList<object> AnyOf)>();
        foreach (var (name, raw) in pairs)
        {
            string? problem = null;
            switch (name)
            {
                case "_format":
                    continue; // the door's content negotiation
                case "_count":
                    if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && count is null)
                    {
                        count = Math.Min(c, MaxCount);
                    }
                    else
                    {
                        problem = $"_count must be one whole number from 0 (given '{raw}').";
                    }
                    break;
                case "_offset":
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                    {
                        problem = $"_offset must be a whole number from 0 (given '{raw}').";
                        offset = 0;
                    }
                    break;
                case "_sort":
                    var key = raw.TrimStart('-');
                    if (definition.SortParameter is null)
                    {
                        problem = $"{definition.ResourceType} cannot be sorted: results come in id order.";
                    }
                    else if (key != definition.SortParameter || raw.Contains(',', StringComparison.Ordinal) || sort is not null)
                    {
                        problem = $"_sort supports {definition.SortParameter} or -{definition.SortParameter} for {definition.ResourceType} (given '{raw}').";
                    }
                    else
                    {
                        sort = raw;
                    }
                    break;
                default:
                    if (!parameters.TryGetValue(name, out var parameter))
                    {
                        problem = name.Contains(':', StringComparison.Ordinal) && parameters.ContainsKey(name[..name.IndexOf(':', StringComparison.Ordinal)])
                            ? $"The modifier of '{name}' is not supported."
                            : $"Unknown search parameter '{name}' for {definition.ResourceType}; /fhir/metadata lists the supported ones.";
                    }
                    else if (TryParseValues(parameter, raw, out var anyOf, out var error))
                    {
                        values.Add((name, raw, anyOf));
                        continue;
                    }
                    else
                    {
                        problem = error;
                    }
                    break;
            }
            if (problem is not null)
            {
                (lenient ? search.Warnings : problems).Add(problem);
            }
        }
        var result = new FhirSearch
        {
            ResourceType = definition.ResourceType,
            Count = count ?? DefaultCount,
            Offset = offset,
            Descending = sort?.StartsWith('-') == true,
            Sort = sort,
        };
        result.Warnings.AddRange(search.Warnings.Select(w => w + " (ignored)"));
        foreach (var (name, raw, anyOf) in values)
        {
            result.Add(name, anyOf);
            result.Applied.Add(new(name, raw));
        }
        errors = problems;
        return result;
    }

    private static bool TryParseValues(FhirSearchParam parameter, string raw, out IReadOnlyList<object> anyOf, out string error)
    {
        var list = new List<object>();
        anyOf = list;
        error = string.Empty;
        if (raw.Length == 0)
        {
            error = $"'{parameter.Name}' has no value.";
            return false;
        }
        foreach (var value in raw.Split(','))
        {
            switch (parameter.Type)
            {
                case FhirSearchParamType.Date:
                    if (!FhirDateCriterion.TryParse(value, out var date, out error))
                    {
                        error = $"{parameter.Name}: {error}";
                        return false;
                    }
                    list.Add(date!);
                    break;
                case FhirSearchParamType.Token:
                    if (value.Length == 0 || value == "|")
                    {
                        error = $"{parameter.Name}: empty token.";
                        return false;
                    }
                    list.Add(FhirToken.Parse(value));
                    break;
                case FhirSearchParamType.Reference:
                    if (!TryParseReference(value, parameter.Target ?? "Patient", out var id))
                    {
                        error = $"{parameter.Name}: '{value}' is not a reference to a {parameter.Target ?? "Patient"} ({parameter.Target ?? "Patient"}/<id> or <id>).";
                        return false;
                    }
                    list.Add(id);
                    break;
                case FhirSearchParamType.Uri or FhirSearchParamType.String:
                    list.Add(value);
                    break;
                case FhirSearchParamType.Number or FhirSearchParamType.Composite or FhirSearchParamType.Quantity or FhirSearchParamType.Special:
                    error = $"{parameter.Name}: parameters of type {parameter.Type.Code()} are not supported.";
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <c>Type/id</c>, <c>id</c> or an absolute URL ending in <c>/Type/id</c>. An id this server never issues (not a
    /// GUID) parses to <see cref="Guid.Empty"/>, which matches nothing.
    /// </summary>
    internal static bool TryParseReference(string value, string target, out Guid id)
    {
        id = Guid.Empty;
        var parts = value.Split('/');
        string candidate;
        if (parts.Length == 1)
        {
            candidate = parts[0];
        }
        else if (parts.Length >= 2 && parts[^2] == target)
        {
            candidate = parts[^1];
        }
        else
        {
            return false;
        }
        if (!FhirIds.IsValid(candidate))
        {
            return false;
        }
        if (FhirIds.TryParseGuid(candidate, out var parsed))
        {
            id = parsed;
        }
        return true;
    }
}
