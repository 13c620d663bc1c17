using KetamineClinic.Web.Data;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>
/// One row of the append-only, hash-chained audit trail. <see cref="Hash"/> covers every field and the previous
/// event's hash, so an edit or a deleted row breaks the chain at that point.
/// </summary>
public sealed class AuditEvent : IAppendOnly
{
    /// <summary>Position in the chain, 1-based, gapless.</summary>
    public long Sequence { get; set; }
    /// <summary>UTC, whole milliseconds (<see cref="AuditChain.NormalizeTime"/>), so the hash survives the round trip.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public string? Role { get; set; }
    public required string Action { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceId { get; set; }
    public Guid? PatientId { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? ClientAddress { get; set; }
    public string? Detail { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
