using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>
/// Appends audit events. Staged events get their sequence and chain hash when the context saves
/// (ClinicDbContext.SaveChangesAsync), so a change and its audit event commit together.
/// </summary>
internal sealed class AuditTrail(
    IDbContextFactory<ClinicDbContext> contexts,
    IAuditActor actor,
    TimeProvider clock,
    ClinicMetrics metrics) : IAuditTrail
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        var who = await actor.CurrentAsync();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Add(ToEvent(entry, who, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        metrics.AuditEventsWritten.Add(1);
    }

    public async Task StageAsync(ClinicDbContext db, AuditEntry entry)
    {
        var who = await actor.CurrentAsync();
        db.Add(ToEvent(entry, who, clock.GetUtcNow()));
        metrics.AuditEventsWritten.Add(1);
    }

    // Sequence is the key but is only assigned when the context saves; until then each staged event needs a key of
    // its own, or EF refuses to track a second event in the same unit of work.
    private static long _placeholderSequence;

    private static AuditEvent ToEvent(AuditEntry entry, AuditActorInfo who, DateTimeOffset now) => new()
    {
        Sequence = Interlocked.Decrement(ref _placeholderSequence),
        // Over-long text is cut to the column size: a long detail must never make the audited write fail.
        OccurredAt = AuditChain.NormalizeTime(now),
        UserId = who.UserId,
        UserName = Fit(who.UserName, 256),
        Role = FitOrNull(who.Role, 200),
        Action = Fit(entry.Action, 40),
        ResourceType = Fit(entry.ResourceType, 80),
        ResourceId = FitOrNull(entry.ResourceId, 200),
        PatientId = entry.PatientId,
        Outcome = entry.Outcome,
        ClientAddress = FitOrNull(who.ClientAddress, 64),
        Detail = FitOrNull(entry.Detail, 1000),
        PreviousHash = string.Empty,
        Hash = string.Empty,
    };

    private static string Fit(string value, int max) => value.Length <= max ? value : value[..max];

    private static string? FitOrNull(string? value, int max) => value is null ? null : Fit(value, max);
}
