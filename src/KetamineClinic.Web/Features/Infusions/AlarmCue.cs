using Microsoft.JSInterop;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>The audible alarm cue (wwwroot/js/alarm-cue.js): a short WebAudio beep pattern per severity, with a mute toggle kept in the browser.</summary>
public sealed class AlarmCue(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/alarm-cue.js");

    public async Task<bool> IsMutedAsync() => await (await ModuleAsync()).InvokeAsync<bool>("isMuted");

    public async Task SetMutedAsync(bool muted) => await (await ModuleAsync()).InvokeVoidAsync("setMuted", muted);

    /// <summary>Plays the cue; never throws (a closed circuit or a browser without audio must not break the board).</summary>
    public async Task BeepAsync(Domain.Infusions.Vitals.AlarmSeverity severity)
    {
        try
        {
            await (await ModuleAsync()).InvokeVoidAsync("beep", severity.ToString());
        }
        catch (JSDisconnectedException)
        {
        }
        catch (JSException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
