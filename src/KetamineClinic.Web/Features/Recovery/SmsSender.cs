using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>A text message to send. <paramref name="DeduplicationKey"/> makes a resend the same message.</summary>
public sealed record SmsMessage(string DeduplicationKey, string ToPhone, string Body, string Purpose, Guid? SessionId = null, Guid? PatientId = null);

public enum SmsSendOutcome
{
    /// <summary>Handed over (here: written to the outbox).</summary>
    Sent,

    /// <summary>A message with the same key was sent before; nothing new was sent.</summary>
    AlreadySent,
}

/// <summary>Sends text messages. The clinic's build has no SMS gateway: <see cref="OutboxSmsSender"/> writes them to a table.</summary>
public interface ISmsSender
{
    Task<SmsSendOutcome> SendAsync(SmsMessage message, CancellationToken ct = default);
}

/// <summary>
/// Writes each message to the <c>SmsOutbox</c> table (shown at /admin/sms-outbox) and logs that it did, without the
/// number or the text. No network: a real gateway would be another <see cref="ISmsSender"/> that drains this table.
/// The unique deduplication key makes a message go out exactly once.
/// </summary>
public sealed partial class OutboxSmsSender(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock, ILogger<OutboxSmsSender> log) : ISmsSender
{
    public async Task<SmsSendOutcome> SendAsync(SmsMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Set<SmsOutboxMessage>().AnyAsync(m => m.DeduplicationKey == message.DeduplicationKey, ct))
        {
            return SmsSendOutcome.AlreadySent;
        }

        var row = new SmsOutboxMessage
        {
            CreatedAt = clock.GetUtcNow(),
            DeduplicationKey = message.DeduplicationKey,
            ToPhone = message.ToPhone,
            Body = message.Body,
            Purpose = message.Purpose,
            SessionId = message.SessionId,
            PatientId = message.PatientId,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique key: the same message was written a moment ago by another request.
            return SmsSendOutcome.AlreadySent;
        }

        Written(log, message.Purpose, row.Id);
        return SmsSendOutcome.Sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS ({Purpose}) written to the outbox as {MessageId}; no gateway is configured, nothing left the machine.")]
    private static partial void Written(ILogger logger, string purpose, Guid messageId);
}
