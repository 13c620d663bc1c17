using System.Linq.Expressions;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>
/// An infusion session is an Encounter (the visit: arrival → discharge) and a Procedure (the infusion: t = 0 → end),
/// both with the session's id (ids are unique per type).
/// </summary>
internal static class SessionMapping
{
    public static EncounterState EncounterStatus(SessionPhase phase) => phase switch
    {
        SessionPhase.CheckedIn or SessionPhase.PreChecks => EncounterState.Arrived,
        SessionPhase.Infusing or SessionPhase.Paused or SessionPhase.Recovering or SessionPhase.ReadyForDischarge => EncounterState.InProgress,
        // An aborted session (transfer, deferral) is a visit that ended too.
        SessionPhase.Discharged or SessionPhase.Aborted => EncounterState.Finished,
    };

    public static InfusionState ProcedureStatus(SessionPhase phase, bool infusionStarted) => phase switch
    {
        SessionPhase.CheckedIn or SessionPhase.PreChecks => InfusionState.Preparation,
        SessionPhase.Infusing => InfusionState.InProgress,
        SessionPhase.Paused => InfusionState.OnHold,
        SessionPhase.Recovering or SessionPhase.ReadyForDischarge or SessionPhase.Discharged => InfusionState.Completed,
        SessionPhase.Aborted => infusionStarted ? InfusionState.Stopped : InfusionState.NotDone,
    };

    public static readonly IReadOnlyDictionary<string, SessionPhase[]> EncounterCodes = Codes(p => EncounterStatus(p) switch
    {
        EncounterState.Arrived => "arrived",
        EncounterState.InProgress => "in-progress",
        EncounterState.Finished => "finished",
        EncounterState.Planned => "planned",
        EncounterState.Cancelled => "cancelled",
        EncounterState.EnteredInError => "entered-in-error",
    });

    /// <summary>FHIR code → phases; aborted sessions count as both stopped and not-done (which one depends on the start time).</summary>
    public static readonly IReadOnlyDictionary<string, SessionPhase[]> ProcedureCodes = new Dictionary<string, SessionPhase[]>(StringComparer.Ordinal)
    {
        ["preparation"] = [SessionPhase.CheckedIn, SessionPhase.PreChecks],
        ["in-progress"] = [SessionPhase.Infusing],
        ["on-hold"] = [SessionPhase.Paused],
        ["completed"] = [SessionPhase.Recovering, SessionPhase.ReadyForDischarge, SessionPhase.Discharged],
        ["stopped"] = [SessionPhase.Aborted],
        ["not-done"] = [SessionPhase.Aborted],
    };

    private static Dictionary<string, SessionPhase[]> Codes(Func<SessionPhase, string> code) =>
        Enum.GetValues<SessionPhase>().GroupBy(code).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public static async Task<Dictionary<Guid, Guid>> OrganizationsAsync(FhirQueryContext q, IEnumerable<Guid> siteIds)
    {
        var ids = siteIds.Distinct().ToList();
        return await q.Db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OrganizationId, q.Ct);
    }

    public static FhirResourceOut Encounter(InfusionSession s, IReadOnlyDictionary<Guid, Guid> organizations) =>
        FhirResourceOut.Of(FhirMapper.ToEncounter(new EncounterSource
        {
            Id = FhirIds.From(s.Id),
            PatientId = FhirIds.From(s.PatientId),
            Status = EncounterStatus(s.Phase),
            ArrivedAt = s.CheckedInAt,
            DischargedAt = s.DischargedAt ?? s.AbortedAt,
            SiteId = FhirIds.From(s.SiteId),
            OrganizationId = organizations.TryGetValue(s.SiteId, out var org) ? FhirIds.From(org) : null,
        }));

    public static FhirResourceOut Procedure(InfusionSession s) =>
        FhirResourceOut.Of(FhirMapper.ToProcedure(new InfusionProcedureSource
        {
            Id = FhirIds.From(s.Id),
            PatientId = FhirIds.From(s.PatientId),
            EncounterId = FhirIds.From(s.Id),
            Status = ProcedureStatus(s.Phase, s.InfusionStartedAt is not null),
            StartedAt = s.InfusionStartedAt,
            EndedAt = s.InfusionEndedAt ?? (s.InfusionStartedAt is not null ? s.AbortedAt : null),
            SiteId = FhirIds.From(s.SiteId),
            StatusReason = s.Phase == SessionPhase.Aborted && !string.IsNullOrWhiteSpace(s.AbortReason) ? s.AbortReason : null,
            ProtocolVersion = s.ProtocolVersion,
        }));

    public static IQueryable<InfusionSession> WhereStatus(FhirSearch search, IQueryable<InfusionSession> rows, IReadOnlyDictionary<string, SessionPhase[]> codes, string system) =>
        search.WhereToken(rows, "status", s => s.Phase, t => codes.Where(c => t.Matches(system, c.Key)).SelectMany(c => c.Value));
}

internal sealed class EncounterResource : EntitySearchSource<InfusionSession, Guid>, IFhirResourceDefinition
{
    public string ResourceType => "Encounter";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("patient", FhirSearchParamType.Reference, "Patient/<id>"),
        new("subject", FhirSearchParamType.Reference, "Patient/<id> (same as patient)"),
        new("date", FhirSearchParamType.Date, "The visit's period (arrival → discharge; open while in the clinic)."),
        new("status", FhirSearchParamType.Token, "arrived | in-progress | finished"),
    ];
    public string? SortParameter => "date";
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<InfusionSession> Rows(ClinicDbContext db) => db.Set<InfusionSession>();
    protected override Expression<Func<InfusionSession, Guid>> Key => s => s.Id;
    protected override Expression<Func<InfusionSession, DateTimeOffset?>> SortAt => s => s.CheckedInAt;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<InfusionSession>? Filter(IQueryable<InfusionSession> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, s => s.PatientId, "patient", "subject");
        rows = search.WhereDate(rows, "date", s => s.CheckedInAt, s => s.DischargedAt ?? s.AbortedAt);
        return SessionMapping.WhereStatus(search, rows, SessionMapping.EncounterCodes, "http://hl7.org/fhir/encounter-status");
    }

    protected override async Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<InfusionSession> rows)
    {
        var organizations = await SessionMapping.OrganizationsAsync(q, rows.Select(r => r.SiteId));
        return [.. rows.Select(s => new FhirSearchHit(s.CheckedInAt, FhirIds.From(s.Id), SessionMapping.Encounter(s, organizations), s.PatientId))];
    }
}

internal sealed class ProcedureResource : EntitySearchSource<InfusionSession, Guid>, IFhirResourceDefinition
{
    public string ResourceType => "Procedure";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("patient", FhirSearchParamType.Reference, "Patient/<id>"),
        new("subject", FhirSearchParamType.Reference, "Patient/<id> (same as patient)"),
        new("encounter", FhirSearchParamType.Reference, "Encounter/<id> (the session)", "Encounter"),
        new("date", FhirSearchParamType.Date, "The infusion's period (t = 0 → end); sessions whose infusion has not started have no date."),
        new("status", FhirSearchParamType.Token, "preparation | in-progress | on-hold | completed | stopped | not-done"),
    ];
    public string? SortParameter => "date";
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<InfusionSession> Rows(ClinicDbContext db) => db.Set<InfusionSession>();
    protected override Expression<Func<InfusionSession, Guid>> Key => s => s.Id;
    protected override Expression<Func<InfusionSession, DateTimeOffset?>> SortAt => s => s.InfusionStartedAt;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<InfusionSession>? Filter(IQueryable<InfusionSession> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, s => s.PatientId, "patient", "subject");
        rows = search.WhereReference(rows, s => s.Id, "encounter");
        rows = search.WhereDate(rows, "date", s => s.InfusionStartedAt, s => s.InfusionEndedAt ?? s.AbortedAt);
        rows = SessionMapping.WhereStatus(search, rows, SessionMapping.ProcedureCodes, "http://hl7.org/fhir/event-status");
        foreach (var anyOf in search.Tokens("status"))
        {
            // stopped and not-done both come from aborted sessions: told apart by whether the infusion started.
            var stopped = anyOf.Any(t => t.Matches("http://hl7.org/fhir/event-status", "stopped"));
            var notDone = anyOf.Any(t => t.Matches("http://hl7.org/fhir/event-status", "not-done"));
            if (stopped != notDone)
            {
                rows = stopped
                    ? rows.Where(s => s.Phase != SessionPhase.Aborted || s.InfusionStartedAt != null)
                    : rows.Where(s => s.Phase != SessionPhase.Aborted || s.InfusionStartedAt == null);
            }
        }
        return rows;
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<InfusionSession> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(s => new FhirSearchHit(s.InfusionStartedAt, FhirIds.From(s.Id), SessionMapping.Procedure(s), s.PatientId))]);
}
