using System.Linq.Expressions;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Fhir.Search;

/// <summary>One resource found: its sort date (null for types without one), FHIR id, the resource, and whose data it is.</summary>
public sealed record FhirSearchHit(DateTimeOffset? SortAt, string Id, FhirResourceOut Resource, Guid? PatientId);

/// <summary>The database and cancellation of one FHIR request.</summary>
public sealed record FhirQueryContext(ClinicDbContext Db, CancellationToken Ct);

/// <summary>
/// One stream of resources of a type, in (sort date, id) order. A resource type has one source or several
/// (Observation: one per vital sign, body weight, and later survey scores); the engine merges them. Ids must be unique
/// across the sources of a type, and each source must order by (date, id) with ids compared as ordinal strings.
/// </summary>
public interface IFhirSearchSource
{
    /// <summary>The resource with this id, or null when the id is not this source's.</summary>
    Task<FhirSearchHit?> ReadAsync(FhirQueryContext q, string id);

    /// <summary>How many resources match.</summary>
    Task<int> CountAsync(FhirQueryContext q, FhirSearch search);

    /// <summary>The matches from <paramref name="skip"/> on, at most <paramref name="take"/>, in the search's order.</summary>
    Task<IReadOnlyList<FhirSearchHit>> FetchAsync(FhirQueryContext q, FhirSearch search, int skip, int take);
}

/// <summary>
/// A source over one database query. Subclasses say what a row is, how its key and date read, how the type's
/// parameters filter it (return null when a fixed value rules the whole source out) and how rows become resources.
/// </summary>
/// <typeparam name="TRow">An entity or a projection class.</typeparam>
/// <typeparam name="TKey">The row's key (a Guid, or the audit trail's sequence).</typeparam>
public abstract class EntitySearchSource<TRow, TKey> : IFhirSearchSource
    where TRow : class
    where TKey : struct
{
    protected abstract IQueryable<TRow> Rows(ClinicDbContext db);

    protected abstract Expression<Func<TRow, TKey>> Key { get; }

    /// <summary>The date results are ordered by (null: by key only).</summary>
    protected virtual Expression<Func<TRow, DateTimeOffset?>>? SortAt => null;

    /// <summary>Applies the search's parameters; null when nothing here can match.</summary>
    protected abstract IQueryable<TRow>? Filter(IQueryable<TRow> rows, FhirSearch search);

    protected abstract Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<TRow> rows);

    /// <summary>The key of a FHIR id of this source, or false when the id is not one of its.</summary>
    protected abstract bool TryParseId(string id, out TKey key);

    public async Task<FhirSearchHit?> ReadAsync(FhirQueryContext q, string id)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (!TryParseId(id, out var key))
        {
            return null;
        }
        var equals = Expression.Lambda<Func<TRow, bool>>(Expression.Equal(Key.Body, Expression.Constant(key, typeof(TKey))), Key.Parameters);
        var rows = await Rows(q.Db).AsNoTracking().Where(equals).Take(1).ToListAsync(q.Ct);
        return rows.Count == 0 ? null : (await ToHitsAsync(q, rows)).SingleOrDefault(h => h.Id == id);
    }

    public async Task<int> CountAsync(FhirQueryContext q, FhirSearch search)
    {
        ArgumentNullException.ThrowIfNull(q);
        var rows = Filter(Rows(q.Db).AsNoTracking(), search);
        return rows is null ? 0 : await rows.CountAsync(q.Ct);
    }

    public async Task<IReadOnlyList<FhirSearchHit>> FetchAsync(FhirQueryContext q, FhirSearch search, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(search);
        var rows = Filter(Rows(q.Db).AsNoTracking(), search);
        if (rows is null || take == 0)
        {
            return [];
        }
        IOrderedQueryable<TRow> ordered;
        if (SortAt is { } at)
        {
            ordered = search.Descending ? rows.OrderByDescending(at).ThenByDescending(Key) : rows.OrderBy(at).ThenBy(Key);
        }
        else
        {
            ordered = rows.OrderBy(Key);
        }
        var page = await ordered.Skip(skip).Take(take).ToListAsync(q.Ct);
        return await ToHitsAsync(q, page);
    }
}

/// <summary>A source over a small set held in memory (the directory, the instrument catalogue): filter, order and page here.</summary>
public abstract class InMemorySearchSource : IFhirSearchSource
{
    /// <summary>Every resource of the source that matches <paramref name="search"/> (null: all, for a read).</summary>
    protected abstract Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search);

    public async Task<FhirSearchHit?> ReadAsync(FhirQueryContext q, string id) =>
        FhirIds.IsValid(id) ? (await LoadAsync(q, null)).FirstOrDefault(h => h.Id == id) : null;

    public async Task<int> CountAsync(FhirQueryContext q, FhirSearch search) => (await LoadAsync(q, search)).Count;

    public async Task<IReadOnlyList<FhirSearchHit>> FetchAsync(FhirQueryContext q, FhirSearch search, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(search);
        var all = await LoadAsync(q, search);
        return [.. all.Order(FhirHitOrder.For(search.Descending)).Skip(skip).Take(take)];
    }
}

/// <summary>(sort date, id ordinal), ascending or descending: the order every source keeps.</summary>
internal sealed class FhirHitOrder(bool descending) : IComparer<FhirSearchHit>
{
    private static readonly FhirHitOrder Ascending = new(false);
    private static readonly FhirHitOrder DescendingOrder = new(true);

    public static FhirHitOrder For(bool descending) => descending ? DescendingOrder : Ascending;

    public int Compare(FhirSearchHit? x, FhirSearchHit? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byDate = Nullable.Compare(x.SortAt, y.SortAt);
        var result = byDate != 0 ? byDate : string.CompareOrdinal(x.Id, y.Id);
        return descending ? -result : result;
    }
}

/// <summary>Runs a search over a type's sources: total, then one page (merged in order when there are several sources).</summary>
public static class FhirSearchEngine
{
    public static async Task<(int Total, IReadOnlyList<FhirSearchHit> Page)> RunAsync(IReadOnlyList<IFhirSearchSource> sources, FhirQueryContext q, FhirSearch search)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(search);
        var counts = new List<(IFhirSearchSource Source, int Count)>();
        foreach (var source in sources)
        {
            counts.Add((source, await source.CountAsync(q, search)));
        }
        var total = counts.Sum(c => c.Count);
        var live = counts.Where(c => c.Count > 0).Select(c => c.Source).ToList();
        if (search.Count == 0 || search.Offset >= total || live.Count == 0)
        {
            return (total, []);
        }
        if (live.Count == 1)
        {
            return (total, await live[0].FetchAsync(q, search, search.Offset, search.Count));
        }
        // Offset paging over several ordered streams: each gives its first offset + count, the merge skips offset.
        // Costs grow with the offset; the order is total and stable, so pages never overlap or leave gaps.
        var merged = new List<FhirSearchHit>();
        foreach (var source in live)
        {
            merged.AddRange(await source.FetchAsync(q, search, 0, search.Offset + search.Count));
        }
        return (total, [.. merged.Order(FhirHitOrder.For(search.Descending)).Skip(search.Offset).Take(search.Count)]);
    }
}
