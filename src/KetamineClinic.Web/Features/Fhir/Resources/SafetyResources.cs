using System.Globalization;
using System.Linq.Expressions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.FromDomain;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Features.Infusions;
using ClinicAuditEvent = KetamineClinic.Web.Platform.Audit.AuditEvent;
using FhirAuditAction = KetamineClinic.Interop.Fhir.Sources.AuditAction;
using FhirAuditOutcome = KetamineClinic.Interop.Fhir.Sources.AuditOutcome;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>A vital-sign alarm with its session's patient.</summary>
internal sealed class AlarmRow
{
    public required VitalAlarm Alarm { get; init; }
    public Guid PatientId { get; init; }
}

/// <summary>
/// In-session vital-sign alarms (clinical-spec §4.3) as DetectedIssue: code = kind vitals-gate + the rule id, severity
/// WARN → low, ALERT → moderate, CRITICAL → high, implicated = the Observation of the reading that raised it,
/// mitigation = the acknowledgement (who, when, the action taken).
/// </summary>
internal sealed class DetectedIssueResource : EntitySearchSource<AlarmRow, Guid>, IFhirResourceDefinition
{
    public string ResourceType => "DetectedIssue";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("patient", FhirSearchParamType.Reference, "Patient/<id>"),
        new("identified", FhirSearchParamType.Date, "When the alarm's reading was taken."),
        new("code", FhirSearchParamType.Token, "The rule id, e.g. https://ketamine.clinic/fhir/CodeSystem/clinical-rule|VS-BP-02."),
    ];
    public string? SortParameter => "identified";
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<AlarmRow> Rows(ClinicDbContext db) =>
        from a in db.Set<VitalAlarm>()
        join s in db.Set<InfusionSession>() on a.SessionId equals s.Id
        select new AlarmRow { Alarm = a, PatientId = s.PatientId };

    protected override Expression<Func<AlarmRow, Guid>> Key => r => r.Alarm.Id;
    protected override Expression<Func<AlarmRow, DateTimeOffset?>> SortAt => r => r.Alarm.EventTime;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<AlarmRow>? Filter(IQueryable<AlarmRow> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, r => r.PatientId, "patient");
        rows = search.WhereDate(rows, "identified", r => r.Alarm.EventTime);
        foreach (var anyOf in search.Tokens("code"))
        {
            var rules = anyOf.Where(t => t.Code is not null && (t.System is null || t.System == FhirConventions.ClinicSystems.ClinicalRule)).Select(t => t.Code!).ToList();
            rows = rows.Where(r => rules.Contains(r.Alarm.RuleId));
        }
        return rows;
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<AlarmRow> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(r => new FhirSearchHit(r.Alarm.EventTime, FhirIds.From(r.Alarm.Id), ToResource(r.Alarm, r.PatientId), r.PatientId))]);

    public static FhirResourceOut ToResource(VitalAlarm a, Guid patientId) =>
        FhirResourceOut.Of(FhirMapper.ToDetectedIssue(new DetectedIssueSource
        {
            Id = FhirIds.From(a.Id),
            PatientId = FhirIds.From(patientId),
            Kind = DetectedIssueKind.VitalsGate,
            RuleId = a.RuleId,
            Severity = a.Severity switch
            {
                AlarmSeverity.Warn => IssueSeverityLevel.Low,
                AlarmSeverity.Alert => IssueSeverityLevel.Moderate,
                AlarmSeverity.Critical => IssueSeverityLevel.High,
            },
            Detail = a.Message,
            IdentifiedAt = a.EventTime,
            Implicated = a.ReadingId is { } reading && ObservationSuffix(a.Family) is { } suffix ? ["Observation/" + FhirIds.From(reading) + suffix] : [],
            Mitigations = a.AcknowledgedAt is { } at && a.AcknowledgedByUserId is { } by
                ? [new MitigationSource { Kind = MitigationKind.Acknowledgement, Reason = string.IsNullOrWhiteSpace(a.ActionTaken) ? "Acknowledged" : a.ActionTaken, PractitionerId = FhirIds.From(by), At = at }]
                : [],
            ProtocolVersion = a.ProtocolVersion,
        }));

    /// <summary>The Observation id suffix of the vital the alarm is about (VitalReadingObservations); none for sedation and emergence.</summary>
    private static string? ObservationSuffix(VitalSignFamily family) => family switch
    {
        VitalSignFamily.BloodPressure => "-bp",
        VitalSignFamily.HeartRate => "-hr",
        VitalSignFamily.Oxygenation => "-spo2",
        VitalSignFamily.Respiration => "-rr",
        VitalSignFamily.Sedation or VitalSignFamily.Emergence => null,
    };
}

/// <summary>The instruments of the Domain's catalogue (PHQ-9, GAD-7, C-SSRS...) as Questionnaires; id = catalogue id.</summary>
internal sealed class QuestionnaireResource(ClinicProtocol protocol) : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "Questionnaire";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
        [new("url", FhirSearchParamType.Uri, "Canonical, e.g. http://loinc.org/q/44249-1 (PHQ-9); a |version suffix is accepted.")];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search)
    {
        var hits = new List<FhirSearchHit>();
        foreach (var definition in InstrumentCatalog.All(protocol))
        {
            var source = DomainMapping.ToQuestionnaireSource(definition);
            var canonical = FhirConventions.QuestionnaireCanonical(source.Id, source.PanelCode?.System == FhirConventions.Systems.Loinc ? source.PanelCode.Code : null);
            if (search is not null && !search.Strings("url").All(anyOf => anyOf.Any(u => u == canonical || u == canonical + "|" + source.Version)))
            {
                continue;
            }
            hits.Add(new FhirSearchHit(null, source.Id, FhirResourceOut.Of(FhirMapper.ToQuestionnaire(source)), null));
        }
        return Task.FromResult<IReadOnlyList<FhirSearchHit>>(hits);
    }
}

/// <summary>
/// The audit trail as AuditEvent (id = the chain sequence). Needs <c>system/AuditEvent.rs</c> by name: the
/// <c>system/*</c> wildcard does not reach it (SmartScope.NeedsExplicitScope).
/// </summary>
internal sealed class AuditEventResource : EntitySearchSource<ClinicAuditEvent, long>, IFhirResourceDefinition
{
    public string ResourceType => "AuditEvent";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("date", FhirSearchParamType.Date, "When the event was recorded."),
        new("patient", FhirSearchParamType.Reference, "Events about Patient/<id>."),
        new("action", FhirSearchParamType.Token, "C | R | U | D | E"),
    ];
    public string? SortParameter => "date";
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<ClinicAuditEvent> Rows(ClinicDbContext db) => db.AuditEvents;
    protected override Expression<Func<ClinicAuditEvent, long>> Key => e => e.Sequence;
    protected override Expression<Func<ClinicAuditEvent, DateTimeOffset?>> SortAt => e => e.OccurredAt;

    protected override bool TryParseId(string id, out long key) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out key) && key > 0 && FhirIds.IsValid(id);

    protected override IQueryable<ClinicAuditEvent>? Filter(IQueryable<ClinicAuditEvent> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, e => e.PatientId ?? Guid.Empty, "patient");
        rows = search.WhereDate(rows, "date", e => e.OccurredAt);
        return search.WhereToken(rows, "action", e => e.Action, t => AllActions.Where(a => t.Matches("http://hl7.org/fhir/audit-event-action", ActionCode(a))));
    }

    private static readonly string[] AllActions =
    [
        Platform.Audit.AuditActions.Read, Platform.Audit.AuditActions.Search, Platform.Audit.AuditActions.Create, Platform.Audit.AuditActions.Update,
        Platform.Audit.AuditActions.Delete, Platform.Audit.AuditActions.Export, Platform.Audit.AuditActions.Override, Platform.Audit.AuditActions.SignIn,
        Platform.Audit.AuditActions.SignInFailed, Platform.Audit.AuditActions.SignOut, Platform.Audit.AuditActions.AccountChange, Platform.Audit.AuditActions.Verify,
    ];

    private static string ActionCode(string action) => Action(action) switch
    {
        FhirAuditAction.Create => "C",
        FhirAuditAction.Read => "R",
        FhirAuditAction.Update => "U",
        FhirAuditAction.Delete => "D",
        FhirAuditAction.Execute => "E",
    };

    private static FhirAuditAction Action(string action) => action switch
    {
        Platform.Audit.AuditActions.Read or Platform.Audit.AuditActions.Search or Platform.Audit.AuditActions.Export => FhirAuditAction.Read,
        Platform.Audit.AuditActions.Create => FhirAuditAction.Create,
        Platform.Audit.AuditActions.Update or Platform.Audit.AuditActions.AccountChange or Platform.Audit.AuditActions.Override => FhirAuditAction.Update,
        Platform.Audit.AuditActions.Delete => FhirAuditAction.Delete,
        _ => FhirAuditAction.Execute,
    };

    private static (AuditKind Kind, RestInteraction? Interaction) KindOf(string action) => action switch
    {
        Platform.Audit.AuditActions.Read => (AuditKind.Rest, RestInteraction.Read),
        Platform.Audit.AuditActions.Search => (AuditKind.Rest, RestInteraction.Search),
        Platform.Audit.AuditActions.Create => (AuditKind.Rest, RestInteraction.Create),
        Platform.Audit.AuditActions.Update or Platform.Audit.AuditActions.AccountChange => (AuditKind.Rest, RestInteraction.Update),
        Platform.Audit.AuditActions.Delete => (AuditKind.Rest, RestInteraction.Delete),
        Platform.Audit.AuditActions.Export => (AuditKind.Export, null),
        Platform.Audit.AuditActions.Override => (AuditKind.Override, null),
        Platform.Audit.AuditActions.SignIn or Platform.Audit.AuditActions.SignInFailed or Platform.Audit.AuditActions.SignOut => (AuditKind.Login, null),
        _ => (AuditKind.Rest, RestInteraction.Operation),
    };

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<ClinicAuditEvent> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(e =>
        {
            var id = e.Sequence.ToString(CultureInfo.InvariantCulture);
            var (kind, interaction) = KindOf(e.Action);
            var entities = new List<AuditEntitySource>();
            var type = e.ResourceType.StartsWith("fhir:", StringComparison.Ordinal) ? e.ResourceType[5..] : e.ResourceType;
            if (e.ResourceId is { } rid && ReferenceText.IsRelative(type + "/" + rid))
            {
                entities.Add(new AuditEntitySource { Reference = type + "/" + rid });
            }
            if (e.PatientId is { } patient)
            {
                entities.Add(new AuditEntitySource { Reference = "Patient/" + FhirIds.From(patient) });
            }
            var resource = FhirResourceOut.Of(FhirMapper.ToAuditEvent(new AuditEventSource
            {
                Id = id,
                Kind = kind,
                Interaction = interaction,
                Action = Action(e.Action),
                RecordedAt = e.OccurredAt,
                Outcome = e.Outcome switch
                {
                    Platform.Audit.AuditOutcome.Success => FhirAuditOutcome.Success,
                    Platform.Audit.AuditOutcome.Denied => FhirAuditOutcome.MinorFailure,
                    Platform.Audit.AuditOutcome.Failed => FhirAuditOutcome.SeriousFailure,
                },
                OutcomeDescription = string.IsNullOrWhiteSpace(e.Detail) ? null : $"{e.Action} {e.ResourceType}: {e.Detail}",
                Agents =
                [
                    new AuditAgentSource
                    {
                        // Staff are Practitioners; a client, the CLI or a patient sign-in is named by its user name.
                        Reference = e.UserId is { } user && e.Role != Platform.ClinicRoles.Patient ? "Practitioner/" + FhirIds.From(user) : null,
                        ClientId = e.UserId is null || e.Role == Platform.ClinicRoles.Patient ? e.UserName : null,
                        IsRequestor = true,
                        NetworkAddress = string.IsNullOrWhiteSpace(e.ClientAddress) ? null : e.ClientAddress,
                    },
                ],
                Entities = entities,
            }));
            return new FhirSearchHit(e.OccurredAt, id, resource, e.PatientId);
        })]);
}
