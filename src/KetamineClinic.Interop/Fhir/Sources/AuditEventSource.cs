namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>The kind of event (AuditEvent.type / subtype).</summary>
public enum AuditKind
{
    /// <summary>A FHIR REST interaction; <see cref="AuditEventSource.Interaction"/> says which.</summary>
    Rest,

    /// <summary>A bulk export ($export).</summary>
    Export,

    /// <summary>A user signing in or out, or an OAuth token being issued.</summary>
    Login,

    /// <summary>A clinical override (HARD STOP overridden, co-sign) recorded beside its DetectedIssue.</summary>
    Override,
}

/// <summary>FHIR restful interactions (AuditEvent.subtype for <see cref="AuditKind.Rest"/>).</summary>
public enum RestInteraction
{
    Read,
    Vread,
    Search,
    Create,
    Update,
    Patch,
    Delete,
    History,
    Capabilities,
    Operation,
}

/// <summary>AuditEvent.action: C, R, U, D, E.</summary>
public enum AuditAction
{
    Create,
    Read,
    Update,
    Delete,
    Execute,
}

/// <summary>AuditEvent.outcome: 0 success, 4 minor failure, 8 serious failure, 12 major failure.</summary>
public enum AuditOutcome
{
    Success,
    MinorFailure,
    SeriousFailure,
    MajorFailure,
}

/// <summary>Who took part: a staff member (<c>Practitioner/id</c>), a device, or an OAuth client by its id.</summary>
public sealed record AuditAgentSource
{
    /// <summary>Relative reference to the agent (Practitioner/…, Patient/…, Device/…), when it has a resource.</summary>
    public string? Reference { get; init => field = Guard.RelativeReference(value, nameof(Reference)); }

    /// <summary>The OAuth client id or user name, when there is no resource (agent.who.identifier).</summary>
    public string? ClientId { get; init => field = Guard.NotBlankOptional(value, nameof(ClientId)); }
    public required bool IsRequestor { get; init; }

    /// <summary>Caller's network address (IP), when known.</summary>
    public string? NetworkAddress { get; init => field = Guard.NotBlankOptional(value, nameof(NetworkAddress)); }
}

/// <summary>What the event touched: a resource reference and/or a search query.</summary>
public sealed record AuditEntitySource
{
    /// <summary>Relative reference <c>Type/id</c>.</summary>
    public string? Reference { get; init => field = Guard.RelativeReference(value, nameof(Reference)); }

    /// <summary>The search query string as received (entity.query, base64 of the UTF-8 text).</summary>
    public string? Query { get; init; }
}

/// <summary>Input for FHIR AuditEvent (R4).</summary>
public sealed record AuditEventSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required AuditKind Kind { get; init; }
    public RestInteraction? Interaction { get; init; }
    public required AuditAction Action { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required AuditOutcome Outcome { get; init; }
    public string? OutcomeDescription { get; init => field = Guard.NotBlankOptional(value, nameof(OutcomeDescription)); }
    public required IReadOnlyList<AuditAgentSource> Agents { get; init; }

    /// <summary>The system that recorded the event (source.observer display), e.g. "ketamine-clinic fhir".</summary>
    public string SourceObserver { get; init => field = Guard.NotBlank(value, nameof(SourceObserver)); } = "ketamine-clinic";

    /// <summary>Site (source.site), e.g. the clinic site's name.</summary>
    public string? SourceSite { get; init => field = Guard.NotBlankOptional(value, nameof(SourceSite)); }
    public IReadOnlyList<AuditEntitySource> Entities { get; init; } = [];
}
