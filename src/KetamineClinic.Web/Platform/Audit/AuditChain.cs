using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>SHA-256 chain over the audit events: hash(n) = SHA256(canonical(event n) + hash(n-1)).</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEvent e)
    {
        // A fixed, culture-free field order: the hash must be reproducible on any machine and provider.
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.ToUniversalTime().UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UserId?.ToString("N") ?? string.Empty,
            e.UserName,
            e.Role ?? string.Empty,
            e.Action,
            e.ResourceType,
            e.ResourceId ?? string.Empty,
            e.PatientId?.ToString("N") ?? string.Empty,
            e.Outcome.ToString(),
            e.ClientAddress ?? string.Empty,
            e.Detail ?? string.Empty,
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The instant as it is stored and read back on every provider: UTC, whole milliseconds. PostgreSQL's
    /// timestamptz keeps microseconds and the SQLite mapping (DateTimeOffsetToBinaryConverter) keeps 0.1 ms;
    /// the hash covers ticks, so anything finer would not survive the round trip and would read as tampering.
    /// </summary>
    public static DateTimeOffset NormalizeTime(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Checks a chain in sequence order; returns the first broken link, or null when intact.</summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEvent> eventsInOrder)
    {
        ArgumentNullException.ThrowIfNull(eventsInOrder);
        var cursor = new Cursor();
        foreach (var e in eventsInOrder)
        {
            if (cursor.Check(e) is { } broken)
            {
                return broken;
            }
        }
        return null;
    }

    /// <summary>Streams a chain in sequence order; stops at the first broken link.</summary>
    public static async Task<AuditChainReport> VerifyAsync(IAsyncEnumerable<AuditEvent> eventsInOrder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(eventsInOrder);
        var cursor = new Cursor();
        await foreach (var e in eventsInOrder.WithCancellation(ct))
        {
            if (cursor.Check(e) is { } broken)
            {
                return new AuditChainReport(cursor.Intact, cursor.HeadHash, broken);
            }
        }
        return new AuditChainReport(cursor.Intact, cursor.HeadHash, null);
    }

    private sealed class Cursor
    {
        public long Intact { get; private set; }
        public string HeadHash { get; private set; } = Genesis;

        public AuditChainBreak? Check(AuditEvent e)
        {
            var expected = Intact + 1;
            if (e.Sequence != expected)
            {
                return new AuditChainBreak(expected, $"event {expected} is missing (the next stored event is {e.Sequence})");
            }
            if (!string.Equals(e.PreviousHash, HeadHash, StringComparison.Ordinal))
            {
                return new AuditChainBreak(e.Sequence, "previous-hash does not match the event before it");
            }
            if (!string.Equals(ComputeHash(e), e.Hash, StringComparison.Ordinal))
            {
                return new AuditChainBreak(e.Sequence, "content does not match its hash (the row was altered)");
            }
            HeadHash = e.Hash;
            Intact = e.Sequence;
            return null;
        }
    }
}

/// <summary>The first broken link: the sequence number where the chain stops being trustworthy, and why.</summary>
public sealed record AuditChainBreak(long Sequence, string Reason);

/// <summary>
/// Result of a verification: how many events from the start are intact, the hash of the last intact one
/// (compare it with a head recorded earlier to detect a truncated tail), and the first broken link if any.
/// </summary>
public sealed record AuditChainReport(long IntactEvents, string HeadHash, AuditChainBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;

    public string Describe() => FirstBreak is null
        ? string.Create(CultureInfo.InvariantCulture, $"audit chain intact: {IntactEvents} events")
        : string.Create(CultureInfo.InvariantCulture, $"audit chain broken at event {FirstBreak.Sequence}: {FirstBreak.Reason}");
}
