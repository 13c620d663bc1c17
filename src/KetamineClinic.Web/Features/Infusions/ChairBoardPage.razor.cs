using KetamineClinic.Web.Components.Layout;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// The staff home screen on an infusion day: every active chair of the site, live. Updates arrive from the
/// <see cref="SessionBroadcaster"/> (no polling); a one-second clock tick only redraws the timers.
/// </summary>
public sealed partial class ChairBoardPage
{
    [Inject] private ChairBoardQuery Board { get; set; } = default!;
    [Inject] private SessionBroadcaster Broadcaster { get; set; } = default!;
    [Inject] private SessionPhaseHandler Phases { get; set; } = default!;
    [Inject] private AlarmAcknowledgement Acknowledgement { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ChairBoardPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The site to show (?site=…); the user's first site when absent.</summary>
    [SupplyParameterFromQuery(Name = "site")] public Guid? Site { get; set; }

    private readonly HashSet<Guid> _auditedPatients = [];
    private readonly List<SessionUpdate> _pendingWhileLoading = [];
    private IReadOnlyList<SiteOption> _sites = [];
    private Guid? _siteId;
    private List<ChairTileState>? _tiles;
    private bool _loading;
    private StaffActor _actor = default!;
    private bool _clinical;
    private bool _canCheckIn;
    private bool _muted;
    private DateTimeOffset _now;
    private IDisposable? _subscription;
    private ITimer? _tick;
    private AlarmCue? _cue;

    protected override async Task OnInitializedAsync()
    {
        _now = Clock.GetUtcNow();
        _actor = StaffActor.From((await AuthenticationState).User);
        _clinical = _actor.IsClinical;
        _canCheckIn = _actor.IsClinical || _actor.IsFrontDesk;
        _cue = new AlarmCue(Js);
        _sites = await Board.SitesForAsync(_actor);
        _siteId = Site is { } requested && _sites.Any(s => s.Id == requested) ? requested : (_sites.Count > 0 ? _sites[0].Id : null);
        await LoadAsync();
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _tick = Clock.CreateTimer(_ => _ = InvokeAsync(() => { _now = Clock.GetUtcNow(); StateHasChanged(); }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _clinical && _cue is not null)
        {
            try
            {
                _muted = await _cue.IsMutedAsync();
                StateHasChanged();
            }
            catch (Microsoft.JSInterop.JSException ex)
            {
                Logger.LogDebug(ex, "Alarm cue unavailable");
            }
        }
    }

    private async Task LoadAsync()
    {
        _subscription?.Dispose();
        _tiles = null;
        if (_siteId is not { } siteId)
        {
            _tiles = [];
            return;
        }

        // Subscribe first, then read: an update committed during the read is queued and applied after it
        // (applying is idempotent), so nothing falls between the two.
        _loading = true;
        // The static prerender only paints the first frame; the live circuit that follows subscribes and audits.
        _subscription = RendererInfo.IsInteractive ? Broadcaster.SubscribeToSite(siteId, OnUpdateAsync) : null;
        try
        {
            _tiles = await Board.LoadAsync(siteId);
            if (RendererInfo.IsInteractive)
            {
                await AuditNewPatientsAsync(siteId);
            }
        }
        finally
        {
            _loading = false;
        }

        foreach (var update in _pendingWhileLoading.ToList())
        {
            await ApplyAsync(update, announce: false);
        }

        _pendingWhileLoading.Clear();
    }

    private async Task ChangeSiteAsync(Guid siteId)
    {
        _siteId = siteId;
        Navigation.NavigateTo($"/board?site={siteId}", replace: true);
        await LoadAsync();
    }

    private Task OnUpdateAsync(SessionUpdate update) => InvokeAsync(async () =>
    {
        if (_loading || _tiles is null)
        {
            _pendingWhileLoading.Add(update);
            return;
        }

        await ApplyAsync(update, announce: true);
        StateHasChanged();
    });

    private async Task ApplyAsync(SessionUpdate update, bool announce)
    {
        var tile = _tiles?.Find(t => t.ChairId == update.ChairId);
        if (tile is null)
        {
            return;
        }

        switch (update)
        {
            case ReadingsAdded readings when tile.Session?.Id == readings.SessionId:
                tile.Apply(readings);
                break;
            case AlarmChanged changed when tile.Session?.Id == changed.SessionId:
                var isNew = !tile.Alarms.Exists(a => a.Id == changed.Alarm.Id);
                tile.Apply(changed.Alarm);
                if (announce && isNew && changed.Alarm.State == AlarmState.Raised && _clinical && _cue is not null)
                {
                    await _cue.BeepAsync(changed.Alarm.Severity);
                }

                break;
            case DeviceFault fault when tile.Session?.Id == fault.SessionId:
                tile.LastDeviceFault = fault;
                break;
            case PhaseChanged or ResyncNeeded or ReadingsAdded or AlarmChanged or DeviceFault:
                await ReloadTileAsync(tile);
                break;
        }
    }

    private async Task ReloadTileAsync(ChairTileState tile)
    {
        var fresh = await Board.LoadChairAsync(tile.ChairId);
        if (fresh is null || _tiles is null)
        {
            return;
        }

        var i = _tiles.FindIndex(t => t.ChairId == tile.ChairId);
        if (i >= 0)
        {
            _tiles[i] = fresh;
        }

        if (_siteId is { } siteId)
        {
            await AuditNewPatientsAsync(siteId);
        }
    }

    /// <summary>Every patient whose name appears on this screen is a read of patient data: audited once per board view.</summary>
    private async Task AuditNewPatientsAsync(Guid siteId)
    {
        var shown = _tiles?.Where(t => t.Session is not null).Select(t => t.Session!.PatientId).Where(_auditedPatients.Add).ToList() ?? [];
        await ChairBoardQuery.AuditViewAsync(Audit, "ChairBoard", siteId.ToString(), shown);
    }

    private async Task<TileOutcome> AcknowledgeAsync(Guid alarmId, string actionTaken)
    {
        var outcome = TileOutcome.From(await Acknowledgement.AcknowledgeAsync(alarmId, actionTaken, _actor));
        StateHasChanged();
        return outcome;
    }

    private async Task<TileOutcome> CommandAsync(TileCommand command)
    {
        var result = await Phases.ApplyAsync(command.SessionId, command.Command, command.Reason, _actor, command.Version);
        if (result is SessionCommandResult.Conflict && _tiles?.Find(t => t.Session?.Id == command.SessionId) is { } stale)
        {
            await ReloadTileAsync(stale);
        }

        return TileOutcome.From(result);
    }

    private async Task<TileOutcome> CheckInAsync(Guid chairId, Guid patientId) =>
        TileOutcome.From(await Phases.CheckInAsync(chairId, patientId, _actor));

    private async Task<IReadOnlyList<PatientOption>> SearchAsync(string text)
    {
        if (_siteId is not { } siteId)
        {
            return [];
        }

        var found = await Board.FindPatientsAsync(siteId, text);
        await Audit.RecordAsync(new AuditEntry(AuditActions.Search, "Patient", null, null, Detail: $"check-in search at site {siteId}, {found.Count} result(s)"));
        return found;
    }

    private async Task SetMutedAsync(bool muted)
    {
        _muted = muted;
        if (_cue is not null)
        {
            await _cue.SetMutedAsync(muted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_tick is not null)
        {
            await _tick.DisposeAsync();
        }

        if (_cue is not null)
        {
            await _cue.DisposeAsync();
        }
    }
}
