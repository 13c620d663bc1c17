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

    private static AuditEvent ToEvent(AuditEntry entry, AuditActorInfo who, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        UserId = who.UserId,
        UserName = who.UserName,
        Role = who.Role,
        Action = entry.Action,
        ResourceType = entry.ResourceType,
        ResourceId = entry.ResourceId,
        PatientId = entry.PatientId,
        Outcome = entry.Outcome,
        ClientAddress = who.ClientAddress,
        Detail = entry.Detail,
        PreviousHash = string.Empty,
        Hash = string.Empty,
    };
}
