using KetamineClinic.Web.Data;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>What happened to a resource, in words an auditor searches by.</summary>
public static class AuditActions
{
    public const string Read = "read";
    public const string Search = "search";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Export = "export";
    public const string Override = "override";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string AccountChange = "account-change";
    public const string Verify = "verify";
}

public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}

/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="ResourceType">E.g. "Patient", "InfusionSession", "fhir:Observation".</param>
/// <param name="ResourceId">Identifier of the resource, when there is one.</param>
/// <param name="PatientId">The patient whose data was touched, when any.</param>
/// <param name="Outcome">Success, denied or failed.</param>
/// <param name="Detail">Short free text without patient names (e.g. a search's criteria kind, a field list).</param>
public sealed record AuditEntry(
    string Action,
    string ResourceType,
    string? ResourceId,
    Guid? PatientId,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? Detail = null);

/// <summary>
/// Appends to the hash-chained, append-only audit trail. Who, role, when and client address come from the
/// current request or Blazor circuit; the caller says what was done to which resource.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends and commits one event on its own (reads, searches, exports, sign-ins).</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>
    /// Stages an event in <paramref name="db"/> so it commits in the same SaveChanges as the change it describes
    /// (a write and its audit event are stored together or not at all).
    /// </summary>
    Task StageAsync(ClinicDbContext db, AuditEntry entry);
}
