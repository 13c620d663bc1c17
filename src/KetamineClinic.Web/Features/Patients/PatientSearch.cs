using System.Globalization;
using System.Text.Json.Serialization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>What a search box entry was taken to mean. Recorded in the audit trail instead of the text itself.</summary>
public enum PatientSearchKind
{
    /// <summary>Empty query: every patient, paged.</summary>
    All,
    /// <summary>Name fragments; every word must match the given or family name.</summary>
    Name,
    /// <summary>A word containing a digit: the start of a medical record number.</summary>
    Mrn,
    /// <summary>A date (yyyy-MM-dd or MM/dd/yyyy): the date of birth.</summary>
    DateOfBirth,
}

/// <summary>A parsed search box entry.</summary>
public sealed record PatientSearchCriteria(PatientSearchKind Kind, IReadOnlyList<string> Words, DateOnly? BornOn)
{
    public const int MaxLength = 100;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy"];

    public static PatientSearchCriteria Parse(string? query)
    {
        var text = (query ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return new(PatientSearchKind.All, [], null);
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var bornOn))
        {
            return new(PatientSearchKind.DateOfBirth, [], bornOn);
        }
        var words = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1 && words[0].Any(char.IsAsciiDigit))
        {
            return new(PatientSearchKind.Mrn, [words[0].ToUpperInvariant()], null);
        }
        return new(PatientSearchKind.Name, [.. words.Select(w => w.ToLowerInvariant())], null);
    }

    /// <summary>The audit trail's description: the kind of criteria, never the names or numbers searched for.</summary>
    public string AuditDetail => Kind switch
    {
        PatientSearchKind.All => "criteria=none",
        PatientSearchKind.Name => string.Create(CultureInfo.InvariantCulture, $"criteria=name; words={Words.Count}"),
        PatientSearchKind.Mrn => "criteria=mrn",
        PatientSearchKind.DateOfBirth => "criteria=date-of-birth",
    };
}

/// <summary>One row of the search results.</summary>
public sealed record PatientSummary(
    Guid Id,
    string Mrn,
    string FamilyName,
    string GivenName,
    DateOnly BornOn,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JourneyStage>))] JourneyStage Stage,
    Guid PrimarySiteId,
    string PrimarySiteName)
{
    public string DisplayName => $"{FamilyName}, {GivenName}";
}

/// <summary>One page of results; <see cref="Page"/> is 1-based.</summary>
public sealed record PatientSearchPage(IReadOnlyList<PatientSummary> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 0 : ((TotalCount - 1) / PageSize) + 1;
}

/// <summary>Patient search for staff (name fragment, MRN or date of birth), paged and audited as a search.</summary>
internal sealed class PatientSearch(IDbContextFactory<ClinicDbContext> contexts, IAuditTrail audit)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Problems with the request, keyed by parameter name (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(string? query, int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [string.Create(CultureInfo.InvariantCulture, $"pageSize must be between 1 and {MaxPageSize}.")];
        }
        if (query is { Length: > PatientSearchCriteria.MaxLength })
        {
            errors["query"] = [string.Create(CultureInfo.InvariantCulture, $"query is limited to {PatientSearchCriteria.MaxLength} characters.")];
        }
        return errors;
    }

    public async Task<PatientSearchPage> SearchAsync(string? query, int page, int pageSize, CancellationToken ct)
    {
        if (Validate(query, page, pageSize).Count > 0)
        {
            throw new ArgumentException("Invalid search request; call Validate first.", nameof(query));
        }
        var criteria = PatientSearchCriteria.Parse(query);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patients = db.Patients.AsNoTracking();
        // Expression trees translated to SQL lower()/upper(): culture and comparison overloads do not apply here.
#pragma warning disable CA1862, MA0011
        switch (criteria.Kind)
        {
            case PatientSearchKind.All:
                break;
            case PatientSearchKind.Name:
                foreach (var word in criteria.Words)
                {
                    // ToLower + Contains translates on both providers (PostgreSQL LIKE is case-sensitive).
                    patients = patients.Where(p => p.FamilyName.ToLower().Contains(word) || p.GivenName.ToLower().Contains(word));
                }
                break;
            case PatientSearchKind.Mrn:
                var mrn = criteria.Words[0];
                patients = patients.Where(p => p.Mrn.ToUpper().StartsWith(mrn));
                break;
            case PatientSearchKind.DateOfBirth:
                var bornOn = criteria.BornOn!.Value;
                patients = patients.Where(p => p.BornOn == bornOn);
                break;
        }
#pragma warning restore CA1862, MA0011

        var total = await patients.CountAsync(ct);
        var items = await (from p in patients
                           join s in db.Sites on p.PrimarySiteId equals s.Id
                           orderby p.FamilyName, p.GivenName, p.Id
                           select new PatientSummary(p.Id, p.Mrn, p.FamilyName, p.GivenName, p.BornOn, p.Stage, p.PrimarySiteId, s.Name))
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);

        await audit.RecordAsync(new AuditEntry(
            AuditActions.Search, "Patient", null, null, AuditOutcome.Success,
            string.Create(CultureInfo.InvariantCulture, $"{criteria.AuditDetail}; page={page}; results={items.Count}")), ct);
        return new PatientSearchPage(items, page, pageSize, total);
    }
}
