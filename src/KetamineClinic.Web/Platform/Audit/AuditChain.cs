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

    /// <summary>Checks a chain in sequence order; returns the first broken link, or null when intact.</summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEvent> eventsInOrder)
    {
        var previous = Genesis;
        var expectedSequence = 1L;
        foreach (var e in eventsInOrder)
        {
            if (e.Sequence != expectedSequence)
            {
                return new AuditChainBreak(expectedSequence, $"event {expectedSequence} is missing (found {e.Sequence})");
            }
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditChainBreak(e.Sequence, "previous-hash does not match the event before it");
            }
            if (!string.Equals(ComputeHash(e), e.Hash, StringComparison.Ordinal))
            {
                return new AuditChainBreak(e.Sequence, "content does not match its hash (the row was altered)");
            }
            previous = e.Hash;
            expectedSequence++;
        }
        return null;
    }
}

public sealed record AuditChainBreak(long Sequence, string Reason);
