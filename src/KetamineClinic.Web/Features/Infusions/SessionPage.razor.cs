using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>One session: the live tile, every reading, every alarm with its handling, the timeline. Live via the broadcaster.</summary>
public sealed partial class SessionPage
{
    [Inject] private SessionQuery Sessions { get; set; } = default!;
    [Inject] private SessionBroadcaster Broadcaster { get; set; } = default!;
    [Inject] private SessionPhaseHandler Phases { get; set; } = default!;
    [Inject] private AlarmAcknowledgement Acknowledgement { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter] public Guid Id { get; set; }

    private SessionDetails? _details;
    private List<ReadingView> _readings = [];
    private List<AlarmView> _alarms = [];
    private bool _notFound;
    private IReadOnlyList<string> _scalesDue = [];
    private bool _muted;
    private int _revision;
    private DateTimeOffset _now;
    private StaffActor _actor = default!;
    private IDisposable? _subscription;
    private ITimer? _tick;
    private AlarmCue? _cue;

    protected override async Task OnInitializedAsync()
    {
        _now = Clock.GetUtcNow();
        _actor = StaffActor.From((await AuthenticationState).User);
        _cue = new AlarmCue(Js);
        if (!RendererInfo.IsInteractive)
        {
            // The static prerender only paints the first frame; the live circuit that follows subscribes and audits.
            await LoadAsync();
            return;
        }

        _subscription = Broadcaster.SubscribeToSession(Id, OnUpdateAsync);
        await LoadAsync();
        if (_details is not null)
        {
            await Audit.RecordAsync(new AuditEntry(AuditActions.Read, "InfusionSession", Id.ToString(), _details.Tile.Session!.PatientId));
        }

        _tick = Clock.CreateTimer(_ => _ = InvokeAsync(() => { _now = Clock.GetUtcNow(); StateHasChanged(); }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _cue is not null)
        {
            try
            {
                _muted = await _cue.IsMutedAsync();
                StateHasChanged();
            }
            catch (Microsoft.JSInterop.JSException)
            {
                // No audio module: the page works without sound.
            }
        }
    }

    private async Task LoadAsync()
    {
        _details = await Sessions.LoadAsync(Id);
        _revision++;
        _scalesDue = _details?.ScalesDue ?? [];
        _notFound = _details is null;
        _readings = _details?.Readings.ToList() ?? [];
        _alarms = _details?.AllAlarms.ToList() ?? [];
    }

    private Task OnUpdateAsync(SessionUpdate update) => InvokeAsync(async () =>
    {
        if (_details is null)
        {
            return;
        }

        switch (update)
        {
            case ReadingsAdded added:
                _details.Tile.Apply(added);
                _readings.AddRange(added.Readings.Where(r => !_readings.Exists(x => x.Id == r.Id)));
                _readings.Sort((a, b) => a.TakenAt.CompareTo(b.TakenAt));
                _revision++;
                break;
            case AlarmChanged changed:
                var isNew = !_alarms.Exists(a => a.Id == changed.Alarm.Id);
                _details.Tile.Apply(changed.Alarm);
                _alarms.RemoveAll(a => a.Id == changed.Alarm.Id);
                _alarms.Add(changed.Alarm);
                _revision++;
                if (isNew && changed.Alarm.State == AlarmState.Raised && _cue is not null)
                {
                    await _cue.BeepAsync(changed.Alarm.Severity);
                }

                break;
            case DeviceFault fault:
                _details.Tile.LastDeviceFault = fault;
                break;
            case PhaseChanged or ResyncNeeded:
                await LoadAsync();
                break;
        }

        StateHasChanged();
    });

    private async Task<TileOutcome> AcknowledgeAsync(Guid alarmId, string actionTaken) =>
        TileOutcome.From(await Acknowledgement.AcknowledgeAsync(alarmId, actionTaken, _actor));

    private async Task<TileOutcome> CommandAsync(TileCommand command)
    {
        var result = await Phases.ApplyAsync(command.SessionId, command.Command, command.Reason, _actor, command.Version);
        if (result is SessionCommandResult.Conflict)
        {
            await LoadAsync();
        }

        return TileOutcome.From(result);
    }

    private async Task PanelCommandAsync(TileCommand command)
    {
        await CommandAsync(command);
        await LoadAsync();
    }

    private async Task SetMutedAsync(bool muted)
    {
        _muted = muted;
        if (_cue is not null)
        {
            await _cue.SetMutedAsync(muted);
        }
    }

    private static string Local(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string Other(ReadingView r)
    {
        var parts = new List<string>();
        if (r.ApneaSeconds is > 0)
        {
            parts.Add($"apnea {r.ApneaSeconds} s");
        }

        if (r.Moaas is { } m)
        {
            parts.Add($"MOAA/S {m}");
        }

        if (r.Symptoms is { } s && s != Domain.Infusions.Vitals.ReportedSymptoms.None)
        {
            parts.Add(s.ToString());
        }

        return string.Join(", ", parts);
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
