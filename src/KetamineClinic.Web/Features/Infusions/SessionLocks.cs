namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// Serialises work on one session inside this process (two devices of one chair posting at once), so they
/// rarely meet the session's concurrency token. Striped: a fixed set of semaphores, no per-session allocation.
/// Across processes the concurrency token still decides and the loser retries.
/// </summary>
public sealed class SessionLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(Guid sessionId, CancellationToken ct)
    {
        // HashCode mixes all 128 bits (version-7 ids created together share their leading bits).
        var stripe = _stripes[(HashCode.Combine(sessionId) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
