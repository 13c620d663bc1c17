using System.Collections.Concurrent;
using System.Globalization;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// The one vitals pipeline: validate → persist and evaluate alarms in one unit of work → broadcast. HTTP, HL7 v2
/// over MLLP, FHIR, the tablet form and the simulator all call <see cref="IngestAsync"/>.
/// <list type="bullet">
/// <item>A batch is all-or-nothing: one impossible value refuses the whole batch and nothing is stored.</item>
/// <item>A reading is unique per sender and idempotency key: a resend is acknowledged as a duplicate, never stored
/// or evaluated twice; the same key with different content is refused.</item>
/// <item>Readings are evaluated in TakenAt order per vital-sign family (<see cref="AlarmEngine"/>); the readings,
/// the alarms they raise, the engine state, the timeline and the audit event commit in ONE SaveChanges, so a
/// stored reading always has its evaluation. The caller acknowledges (HTTP 2xx, HL7 AA) only after this returns
/// <see cref="VitalsIngestionResult.Accepted"/>, i.e. after the commit.</item>
/// <item>Subscribers (chair board, session page) are told after the commit.</item>
/// <item>Group commit: target resolution and validation run here, in parallel; the write runs in the single
/// <see cref="VitalsWriter"/>, which merges the batches that queued while it was busy into one transaction.</item>
/// </list>
/// </summary>
public sealed class VitalsIngestion(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    SessionBroadcaster broadcaster,
    DeviceDirectory devices,
    VitalsWriter writer,
    ILogger<VitalsIngestion> logger)
{
    public const int MaxBatchSize = 1000;

    /// <summary>
    /// How long a chair's open session is remembered between readings. A device posts every second or so and the
    /// lookup would otherwise cost a query per request outside the writer. Safe: the writer re-reads the session, and
    /// a cached session that has closed meanwhile is looked up again before answering "no open session".
    /// </summary>
    public static readonly TimeSpan SessionCacheTime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (OpenSession Session, DateTimeOffset Until)> _openByChair = new();

    public async Task<VitalsIngestionResult> IngestAsync(VitalsBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (result, cachedChair) = await IngestOnceAsync(batch, allowCached: true, ct);
        if (result is VitalsIngestionResult.NoOpenSession && cachedChair is { } chair)
        {
            // The remembered session closed: another patient may be seated on the chair now.
            _openByChair.TryRemove(chair, out _);
            (result, _) = await IngestOnceAsync(batch, allowCached: false, ct);
        }

        return result;
    }

    private async Task<(VitalsIngestionResult Result, Guid? CachedChair)> IngestOnceAsync(VitalsBatch batch, bool allowCached, CancellationToken ct)
    {
        if (batch.Readings.Count is 0 or > MaxBatchSize)
        {
            return (new VitalsIngestionResult.Refused(
                [new ReadingProblem(-1, null, "readings", string.Create(CultureInfo.InvariantCulture, $"A batch holds 1–{MaxBatchSize} readings; this one has {batch.Readings.Count}."))]), null);
        }

        var now = clock.GetUtcNow();
        var target = await ResolveAsync(batch.Target, allowCached, ct);
        if (target.Failure is not null)
        {
            return (target.Failure, null);
        }

        var session = target.Session!;
        var (readings, problems) = ValidateAll(batch.Readings, session.CheckedInAt, now);
        if (problems.Count > 0)
        {
            if (batch.Sender is VitalsSender.Device device)
            {
                // Never silently dropped: the nurse sees that the device sent something impossible.
                broadcaster.Publish(new DeviceFault(session.SiteId, session.Id, session.ChairId, device.Label, [.. problems.Select(p => p.Message).Distinct(StringComparer.Ordinal)], now));
            }

            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Refused a vitals batch of {Count} readings from {Source}: {Problems} problems", batch.Readings.Count, batch.Source, problems.Count);
            }
            return (new VitalsIngestionResult.Refused(problems), null);
        }

        // Group commit (VitalsWriter): the single writer merges the batches waiting for it into one
        // transaction and completes each caller only after that commit.
        return (await writer.WriteAsync(batch, session.Id, readings, ct), target.CachedChair);
    }

    /// <summary>CachedChair: the session came from the chair cache.</summary>
    private sealed record ResolvedTarget(OpenSession? Session, VitalsIngestionResult? Failure, Guid? CachedChair = null);

    private sealed record OpenSession(Guid Id, Guid SiteId, Guid ChairId, DateTimeOffset CheckedInAt);

    private async Task<ResolvedTarget> ResolveAsync(VitalsTarget target, bool allowCached, CancellationToken ct)
    {
        Guid? chairId;
        Guid? sessionId = null;
        switch (target)
        {
            case VitalsTarget.OfDevice d:
                var device = await devices.FindAsync(d.DeviceId, ct);
                if (device is null || !device.IsActive)
                {
                    return new(null, new VitalsIngestionResult.UnknownTarget("The device is not registered or has been deactivated."));
                }

                if (device.ChairId is null)
                {
                    return new(null, new VitalsIngestionResult.UnknownTarget($"Device '{device.Label}' is not bound to a chair; bind it in the device registry."));
                }

                chairId = device.ChairId;
                break;
            case VitalsTarget.OfChair c:
                chairId = c.ChairId;
                break;
            case VitalsTarget.OfSession s:
                chairId = null;
                sessionId = s.SessionId;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown target.");
        }

        var now = clock.GetUtcNow();
        if (allowCached && chairId is { } cached && _openByChair.TryGetValue(cached, out var hit) && hit.Until > now)
        {
            return new(hit.Session, null, cached);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<InfusionSession>().AsNoTracking();
        query = sessionId is { } id ? query.Where(x => x.Id == id && x.OpenChairId != null) : query.Where(x => x.OpenChairId == chairId);
        var session = await query.Select(x => new OpenSession(x.Id, x.SiteId, x.ChairId, x.CheckedInAt)).FirstOrDefaultAsync(ct);
        if (session is not null && chairId is { } chair)
        {
            _openByChair[chair] = (session, now + SessionCacheTime);
        }

        return session is null
            ? new(null, new VitalsIngestionResult.NoOpenSession(sessionId is null
                ? "No patient is checked in on this chair: readings are accepted only during a session (check-in to discharge)."
                : "The session is closed or does not exist."))
            : new(session, null);
    }

    private static (List<(IncomingReading Incoming, VitalsReading Reading, int Index)> Readings, List<ReadingProblem> Problems) ValidateAll(
        IReadOnlyList<IncomingReading> incoming, DateTimeOffset checkedInAt, DateTimeOffset now)
    {
        var problems = new List<ReadingProblem>();
        var valid = new List<(IncomingReading, VitalsReading, int)>(incoming.Count);
        var seen = new Dictionary<string, IncomingReading>(StringComparer.Ordinal);
        for (var i = 0; i < incoming.Count; i++)
        {
            var r = incoming[i];
            var (reading, readingProblems) = VitalsValidation.Validate(i, r, checkedInAt, now);
            problems.AddRange(readingProblems);
            if (reading is null)
            {
                continue;
            }

            if (seen.TryGetValue(r.IdempotencyKey, out var first))
            {
                if (!SameContent(first, r))
                {
                    problems.Add(new ReadingProblem(i, r.IdempotencyKey, "id", "The idempotency id appears twice in the batch with different values."));
                }

                continue; // An exact repeat inside the batch is one reading.
            }

            seen[r.IdempotencyKey] = r;
            valid.Add((r, reading, i));
        }

        return (valid, problems);
    }

    internal static bool SameContent(IncomingReading a, IncomingReading b) =>
        SameInstant(a.TakenAt, b.TakenAt) && Normalize(a.Values) == Normalize(b.Values);

    // Stored form: O₂ status only with SpO₂, unknown counted as room air.
    private static VitalValues Normalize(VitalValues v) => v with { OnOxygen = v.Spo2Percent is null ? null : v.OnOxygen == true };

    // PostgreSQL keeps microseconds; a resend must match what was stored, not the last 100 ns.
    private static bool SameInstant(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < TimeSpan.FromMilliseconds(1);
}
