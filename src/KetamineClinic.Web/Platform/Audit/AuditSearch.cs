using System.Globalization;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>
/// Filters of an audit log search. Text filters are optional; <see cref="From"/> is inclusive and
/// <see cref="To"/> exclusive (UTC instants).
/// </summary>
/// <param name="User">User id (a GUID) or part of the user name (case-insensitive).</param>
/// <param name="Patient">Patient id (a GUID) or medical record number.</param>
/// <param name="Action">One of <see cref="AuditActions"/> (case-insensitive).</param>
/// <param name="ResourceType">Exact resource type, e.g. "Patient".</param>
/// <param name="Outcome">Success, Denied or Failed.</param>
/// <param name="From">Earliest instant, inclusive.</param>
/// <param name="To">Latest instant, exclusive.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Events per page, 1 to <see cref="MaxPageSize"/>.</param>
public sealed record AuditQuery(
    string? User = null,
    string? Patient = null,
    string? Action = null,
    string? ResourceType = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = AuditQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxTextLength = 256;
}

/// <summary>One audit event as shown to an auditor; <see cref="Sequence"/> is its position in the chain.</summary>
public sealed record AuditEventRow(
    long Sequence,
    DateTimeOffset OccurredAt,
    Guid? UserId,
    string UserName,
    string? Role,
    string Action,
    string ResourceType,
    string? ResourceId,
    Guid? PatientId,
    string? PatientMrn,
    AuditOutcome Outcome,
    string? ClientAddress,
    string? Detail,
    string Hash);

/// <summary>A page of results, newest first.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventRow> Items, int Page, int PageSize, int Total);

/// <summary>Parses and validates the query string of GET /api/v1/audit-events (strings in, errors by field out).</summary>
public static class AuditQueryParser
{
    public static AuditQuery? TryParse(AuditEventsRequest request, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckLength(errors, "user", request.User);
        CheckLength(errors, "patient", request.Patient);
        CheckLength(errors, "action", request.Action);
        CheckLength(errors, "resourceType", request.ResourceType);

        AuditOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(request.Outcome))
        {
            if (Enum.TryParse<AuditOutcome>(request.Outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                && !int.TryParse(request.Outcome, CultureInfo.InvariantCulture, out _))
            {
                outcome = parsed;
            }
            else
            {
                errors["outcome"] = [$"Unknown outcome; use one of: {string.Join(", ", Enum.GetNames<AuditOutcome>())}."];
            }
        }
        var from = ParseBound(errors, "from", request.From, endOfDay: false);
        var to = ParseBound(errors, "to", request.To, endOfDay: true);
        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["Must be after 'from'."];
        }
        var page = ParseInt(errors, "page", request.Page, 1, 1, int.MaxValue / AuditQuery.MaxPageSize);
        var pageSize = ParseInt(errors, "pageSize", request.PageSize, AuditQuery.DefaultPageSize, 1, AuditQuery.MaxPageSize);

        return errors.Count > 0 ? null : new AuditQuery(
            Blank(request.User), Blank(request.Patient), Blank(request.Action), Blank(request.ResourceType),
            outcome, from, to, page, pageSize);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void CheckLength(Dictionary<string, string[]> errors, string name, string? value)
    {
        if (value is { Length: > AuditQuery.MaxTextLength })
        {
            errors[name] = [$"At most {AuditQuery.MaxTextLength} characters."];
        }
    }

    // An instant (ISO 8601 with offset) is used as given; a bare date means that whole UTC day.
    private static DateTimeOffset? ParseBound(Dictionary<string, string[]> errors, string name, string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        errors[name] = ["Not a date (yyyy-MM-dd) or an ISO 8601 instant."];
        return null;
    }

    private static int ParseInt(Dictionary<string, string[]> errors, string name, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"A whole number from {min} to {max}.")];
        return fallback;
    }
}

/// <summary>Query string of GET /api/v1/audit-events, bound as text so bad values become ProblemDetails.</summary>
public sealed record AuditEventsRequest(
    string? User = null,
    string? Patient = null,
    string? Action = null,
    string? ResourceType = null,
    string? Outcome = null,
    string? From = null,
    string? To = null,
    string? Page = null,
    string? PageSize = null);

/// <summary>
/// Searches the audit log, newest first. The search is itself audited (who searched, which kinds of filter, and
/// the patient when one was named). Used by the /admin/audit page and GET /api/v1/audit-events.
/// </summary>
internal sealed class AuditSearch(IDbContextFactory<ClinicDbContext> contexts, IAuditTrail audit)
{
    public async Task<AuditEventPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patientId = await ResolvePatientAsync(db, query.Patient, ct);
        AuditEventPage page;
        if (query.Patient is not null && patientId is null)
        {
            // No patient has that id or record number: nothing can match.
            page = new AuditEventPage([], query.Page, query.PageSize, 0);
        }
        else
        {
            var filtered = Filter(db.AuditEvents.AsNoTracking(), query, patientId);
            var total = await filtered.CountAsync(ct);
            var items = await filtered
                .OrderByDescending(e => e.Sequence)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .Select(e => new AuditEventRow(
                    e.Sequence, e.OccurredAt, e.UserId, e.UserName, e.Role, e.Action, e.ResourceType, e.ResourceId,
                    e.PatientId, null, e.Outcome, e.ClientAddress, e.Detail, e.Hash))
                .ToListAsync(ct);
            page = new AuditEventPage(await WithRecordNumbersAsync(db, items, ct), query.Page, query.PageSize, total);
        }
        // Recorded after the query, so the result shows the log as it was when the search ran.
        await audit.RecordAsync(new AuditEntry(AuditActions.Search, "AuditEvent", null, patientId, AuditOutcome.Success, Describe(query)), ct);
        return page;
    }

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> q, AuditQuery query, Guid? patientId)
    {
        if (query.User is { } user)
        {
            if (Guid.TryParse(user, out var userId))
            {
                q = q.Where(e => e.UserId == userId);
            }
            else
            {
                var term = user.ToLowerInvariant();
#pragma warning disable CA1862, MA0011 // Translated to SQL lower(): the same case-insensitive match on both providers.
                q = q.Where(e => e.UserName.ToLower().Contains(term));
#pragma warning restore CA1862, MA0011
            }
        }
        if (patientId is { } pid)
        {
            q = q.Where(e => e.PatientId == pid);
        }
        if (query.Action is { } action)
        {
            var normal = action.ToLowerInvariant();
            q = q.Where(e => e.Action == normal);
        }
        if (query.ResourceType is { } type)
        {
            q = q.Where(e => e.ResourceType == type);
        }
        if (query.Outcome is { } outcome)
        {
            q = q.Where(e => e.Outcome == outcome);
        }
        // UTC: both providers compare instants correctly only at offset zero.
        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            q = q.Where(e => e.OccurredAt >= utc);
        }
        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            q = q.Where(e => e.OccurredAt < utc);
        }
        return q;
    }

    // The auditor recognises a record number more easily than an id.
    private static async Task<List<AuditEventRow>> WithRecordNumbersAsync(ClinicDbContext db, List<AuditEventRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.PatientId is not null).Select(r => r.PatientId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return rows;
        }
        var mrns = await db.Patients.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Mrn, ct);
        return [.. rows.Select(r => r.PatientId is { } id && mrns.TryGetValue(id, out var mrn) ? r with { PatientMrn = mrn } : r)];
    }

    private static async Task<Guid?> ResolvePatientAsync(ClinicDbContext db, string? patient, CancellationToken ct)
    {
        if (patient is null)
        {
            return null;
        }
        if (Guid.TryParse(patient, out var id))
        {
            return id;
        }
        var mrn = patient.ToUpperInvariant();
        return await db.Patients.AsNoTracking()
            .Where(p => p.Mrn == patient || p.Mrn == mrn)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
    }

    // Which kinds of filter were used, never their values (a user filter may be a patient's email).
    private static string Describe(AuditQuery q)
    {
        var kinds = new List<string>();
        if (q.User is not null) kinds.Add("user");
        if (q.Patient is not null) kinds.Add("patient");
        if (q.Action is not null) kinds.Add("action=" + q.Action.ToLowerInvariant());
        if (q.ResourceType is not null) kinds.Add("resource-type");
        if (q.Outcome is not null) kinds.Add("outcome=" + q.Outcome.Value.ToString());
        if (q.From is not null) kinds.Add("from");
        if (q.To is not null) kinds.Add("to");
        var filters = kinds.Count == 0 ? "none" : string.Join(',', kinds);
        return string.Create(CultureInfo.InvariantCulture, $"filters: {filters}; page {q.Page} of size {q.PageSize}");
    }
}
