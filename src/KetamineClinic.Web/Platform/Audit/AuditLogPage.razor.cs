using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>/admin/audit: search the audit trail (every search is itself audited) and verify the chain.</summary>
public sealed partial class AuditLogPage
{
    private static readonly string[] KnownActions =
    [
        AuditActions.Read, AuditActions.Search, AuditActions.Create, AuditActions.Update, AuditActions.Delete, AuditActions.Export,
        AuditActions.Override, AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.SignOut,
        AuditActions.AccountChange, AuditActions.Verify,
    ];

    private static readonly int[] PageSizes = [25, AuditQuery.DefaultPageSize, 100, AuditQuery.MaxPageSize];

    private readonly AuditFilterForm _form = new();
    private MudTable<AuditEventRow>? _table;
    private AuditChainReport? _verification;
    private string? _formError;
    private bool _verifying;

    [Inject] private AuditSearch Search { get; set; } = default!;
    [Inject] private AuditChainVerifier Verifier { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;

    private async Task<TableData<AuditEventRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var query = _form.ToQuery(state.Page + 1, state.PageSize, out _formError);
        if (query is null)
        {
            return new TableData<AuditEventRow> { Items = [], TotalItems = 0 };
        }
        var page = await Search.SearchAsync(query, ct);
        return new TableData<AuditEventRow> { Items = page.Items, TotalItems = page.Total };
    }

    private Task SearchAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task ClearAsync()
    {
        _form.Clear();
        return SearchAsync();
    }

    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            _verification = await Verifier.VerifyAsync();
            await Audit.RecordAsync(new AuditEntry(AuditActions.Verify, "AuditEvent", null, null, AuditOutcome.Success, _verification.Describe()));
        }
        finally
        {
            _verifying = false;
        }
    }

    private static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    private static Color OutcomeColor(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => Color.Success,
        AuditOutcome.Denied => Color.Warning,
        AuditOutcome.Failed => Color.Error,
    };
}

/// <summary>The filter form of the audit log page (never bound to an entity).</summary>
internal sealed class AuditFilterForm
{
    public string? User { get; set; }
    public string? Patient { get; set; }
    public string? Action { get; set; }
    public string? ResourceType { get; set; }
    public AuditOutcome? Outcome { get; set; }
    /// <summary>A UTC calendar day (the picker's DateTime carries no zone).</summary>
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }

    public void Clear()
    {
        User = Patient = Action = ResourceType = null;
        Outcome = null;
        From = To = null;
    }

    /// <summary>The query for a page, or null with a message when the dates are the wrong way round.</summary>
    public AuditQuery? ToQuery(int page, int pageSize, out string? error)
    {
        var from = From is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f.Date, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        // The "to" day is included: the query's bound is the start of the next day.
        var to = To is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.Date, DateTimeKind.Utc)).AddDays(1) : (DateTimeOffset?)null;
        if (from is not null && to is not null && from >= to)
        {
            error = "'From' must not be after 'To'.";
            return null;
        }
        error = null;
        return new AuditQuery(Trim(User), Trim(Patient), Action, Trim(ResourceType), Outcome, from, to, page, pageSize);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
