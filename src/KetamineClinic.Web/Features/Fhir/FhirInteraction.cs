using KetamineClinic.Web.Features.Fhir.Security;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>The FHIR R4 RESTful interactions a resource endpoint can offer (CapabilityStatement.rest.resource.interaction).</summary>
public enum FhirInteraction
{
    Read,
    VRead,
    HistoryInstance,
    HistoryType,
    Create,
    Update,
    Patch,
    Delete,
    SearchType,
}

/// <summary>FHIR search parameter types (CapabilityStatement.rest.resource.searchParam.type).</summary>
public enum FhirSearchParamType
{
    Number,
    Date,
#pragma warning disable CA1720 // The FHIR code is "string".
    String,
#pragma warning restore CA1720
    Token,
    Reference,
    Composite,
    Quantity,
    Uri,
    Special,
}

/// <summary>One search parameter a search endpoint understands.</summary>
/// <param name="Name">As in the query string, e.g. <c>patient</c>.</param>
/// <param name="Type">Its FHIR type.</param>
/// <param name="Documentation">Shown in the CapabilityStatement.</param>
/// <param name="Target">For a reference parameter, the resource type it points to (default Patient).</param>
public sealed record FhirSearchParam(string Name, FhirSearchParamType Type, string? Documentation = null, string? Target = null);

/// <summary>Endpoint metadata: this endpoint is one FHIR interaction on one resource type (drives scopes, audit and /fhir/metadata).</summary>
public sealed record FhirInteractionMetadata(string ResourceType, FhirInteraction Interaction, IReadOnlyList<FhirSearchParam> SearchParams)
{
    /// <summary>Open to anyone without a token (the clinic directory).</summary>
    public bool IsPublic { get; init; }
}

/// <summary>Endpoint metadata: this endpoint belongs to the /fhir door (OperationOutcome errors, bearer tokens only).</summary>
public sealed class FhirEndpointMarker
{
    public static readonly FhirEndpointMarker Instance = new();

    private FhirEndpointMarker()
    {
    }
}

public static class FhirInteractions
{
    /// <summary>
    /// The SMART v2 permission an interaction needs (SMART App Launch v2, scopes table): r covers read, vread and
    /// instance history; s covers type search and type history; u covers update and patch.
    /// </summary>
    public static SmartPermissions RequiredPermission(this FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance => SmartPermissions.Read,
        FhirInteraction.SearchType or FhirInteraction.HistoryType => SmartPermissions.Search,
        FhirInteraction.Create => SmartPermissions.Create,
        FhirInteraction.Update or FhirInteraction.Patch => SmartPermissions.Update,
        FhirInteraction.Delete => SmartPermissions.Delete,
    };

    /// <summary>The code in CapabilityStatement (TypeRestfulInteraction value set).</summary>
    public static string Code(this FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Read => "read",
        FhirInteraction.VRead => "vread",
        FhirInteraction.HistoryInstance => "history-instance",
        FhirInteraction.HistoryType => "history-type",
        FhirInteraction.Create => "create",
        FhirInteraction.Update => "update",
        FhirInteraction.Patch => "patch",
        FhirInteraction.Delete => "delete",
        FhirInteraction.SearchType => "search-type",
    };

    /// <summary>Reads and searches hand out patient data without changing it: each is audited by the door.</summary>
    public static bool IsRead(this FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance
            or FhirInteraction.HistoryType or FhirInteraction.SearchType => true,
        FhirInteraction.Create or FhirInteraction.Update or FhirInteraction.Patch or FhirInteraction.Delete => false,
    };

    /// <summary>The audit action for the interaction (writes are audited by their handler, in their SaveChanges).</summary>
    public static string AuditAction(this FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance => Platform.Audit.AuditActions.Read,
        FhirInteraction.SearchType or FhirInteraction.HistoryType => Platform.Audit.AuditActions.Search,
        FhirInteraction.Create => Platform.Audit.AuditActions.Create,
        FhirInteraction.Update or FhirInteraction.Patch => Platform.Audit.AuditActions.Update,
        FhirInteraction.Delete => Platform.Audit.AuditActions.Delete,
    };

    public static string Code(this FhirSearchParamType type) => type switch
    {
        FhirSearchParamType.Number => "number",
        FhirSearchParamType.Date => "date",
        FhirSearchParamType.String => "string",
        FhirSearchParamType.Token => "token",
        FhirSearchParamType.Reference => "reference",
        FhirSearchParamType.Composite => "composite",
        FhirSearchParamType.Quantity => "quantity",
        FhirSearchParamType.Uri => "uri",
        FhirSearchParamType.Special => "special",
    };
}
