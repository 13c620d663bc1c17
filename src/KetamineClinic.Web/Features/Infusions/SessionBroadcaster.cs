using System.Threading.Channels;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// In-process publish/subscribe of session updates, keyed by site (the chair board) and by session (the session
/// page). Publishing never blocks: each subscriber has its own bounded queue drained by its own task, so a slow
/// Blazor circuit cannot hold up ingestion. When a queue overflows, the oldest update is dropped and the
/// subscriber gets <see cref="ResyncNeeded"/> before the next one, so it can reload from the database.
/// </summary>
public sealed class SessionBroadcaster(ILogger<SessionBroadcaster> logger)
{
    /// <summary>Default queue length per subscriber.</summary>
    public const int DefaultCapacity = 512;

    private readonly Lock _gate = new();
    private Dictionary<Guid, Subscription[]> _bySite = [];
    private Dictionary<Guid, Subscription[]> _bySession = [];

    /// <summary>Receives every update of every session at <paramref name="siteId"/>. Dispose to stop.</summary>
    public IDisposable SubscribeToSite(Guid siteId, Func<SessionUpdate, Task> onUpdate, int capacity = DefaultCapacity) =>
        Add(siteId, bySite: true, onUpdate, capacity);

    /// <summary>Receives every update of one session. Dispose to stop.</summary>
    public IDisposable SubscribeToSession(Guid sessionId, Func<SessionUpdate, Task> onUpdate, int capacity = DefaultCapacity) =>
        Add(sessionId, bySite: false, onUpdate, capacity);

    /// <summary>Number of live subscriptions (diagnostics and tests).</summary>
    public int SubscriberCount
    {
        get
        {
            var (sites, sessions) = (Volatile.Read(ref _bySite), Volatile.Read(ref _bySession));
            return sites.Values.Sum(a => a.Length) + sessions.Values.Sum(a => a.Length);
        }
    }

    /// <summary>Queues the update for every interested subscriber and returns at once.</summary>
    public void Publish(SessionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        // Copy-on-write maps: publishing reads a snapshot without taking the lock.
        if (Volatile.Read(ref _bySite).TryGetValue(update.SiteId, out var site))
        {
            foreach (var s in site)
            {
                s.Offer(update);
            }
        }

        if (Volatile.Read(ref _bySession).TryGetValue(update.SessionId, out var session))
        {
            foreach (var s in session)
            {
                s.Offer(update);
            }
        }
    }

    /// <summary>Publishes several updates in order.</summary>
    public void PublishAll(IEnumerable<SessionUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var u in updates)
        {
            Publish(u);
        }
    }

    private Subscription Add(Guid key, bool bySite, Func<SessionUpdate, Task> onUpdate, int capacity)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new Subscription(this, key, bySite, onUpdate, capacity);
        lock (_gate)
        {
            var map = new Dictionary<Guid, Subscription[]>(bySite ? _bySite : _bySession);
            map[key] = map.TryGetValue(key, out var existing) ? [.. existing, subscription] : [subscription];
            Publish(bySite, map);
        }

        subscription.Start();
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            var map = new Dictionary<Guid, Subscription[]>(subscription.BySite ? _bySite : _bySession);
            if (!map.TryGetValue(subscription.Key, out var existing))
            {
                return;
            }

            var rest = existing.Where(s => !ReferenceEquals(s, subscription)).ToArray();
            if (rest.Length == 0)
            {
                map.Remove(subscription.Key);
            }
            else
            {
                map[subscription.Key] = rest;
            }

            Publish(subscription.BySite, map);
        }
    }

    private void Publish(bool bySite, Dictionary<Guid, Subscription[]> map)
    {
        if (bySite)
        {
            Volatile.Write(ref _bySite, map);
        }
        else
        {
            Volatile.Write(ref _bySession, map);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly SessionBroadcaster _owner;
        private readonly Func<SessionUpdate, Task> _onUpdate;
        private readonly Channel<SessionUpdate> _queue;
        private int _overflowed;
        private int _disposed;
        private SessionUpdate? _lastDropped;

        public Subscription(SessionBroadcaster owner, Guid key, bool bySite, Func<SessionUpdate, Task> onUpdate, int capacity)
        {
            _owner = owner;
            Key = key;
            BySite = bySite;
            _onUpdate = onUpdate;
            _queue = Channel.CreateBounded<SessionUpdate>(
                new BoundedChannelOptions(capacity)
                {
                    FullMode = BoundedChannelFullMode.DropOldest,
                    SingleReader = true,
                    SingleWriter = false,
                    AllowSynchronousContinuations = false,
                },
                dropped =>
                {
                    _lastDropped = dropped;
                    Interlocked.Exchange(ref _overflowed, 1);
                });
        }

        public Guid Key { get; }
        public bool BySite { get; }

        public void Start() => _ = Task.Run(PumpAsync);

        public void Offer(SessionUpdate update) => _queue.Writer.TryWrite(update);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            _owner.Remove(this);
            _queue.Writer.TryComplete();
        }

        private async Task PumpAsync()
        {
            await foreach (var update in _queue.Reader.ReadAllAsync())
            {
                if (Interlocked.Exchange(ref _overflowed, 0) == 1)
                {
                    var dropped = _lastDropped ?? update;
                    await DeliverAsync(new ResyncNeeded(dropped.SiteId, dropped.SessionId, dropped.ChairId));
                }

                await DeliverAsync(update);
            }
        }

        private async Task DeliverAsync(SessionUpdate update)
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }

            try
            {
                await _onUpdate(update);
            }
#pragma warning disable CA1031 // A subscriber's failure (e.g. a closed circuit) must not stop its pump or reach the publisher.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _owner.LogSubscriberFailed(ex, update.GetType().Name);
            }
        }
    }

    private void LogSubscriberFailed(Exception ex, string updateKind) =>
        logger.LogWarning(ex, "A session-update subscriber failed on {UpdateKind}", updateKind);
}
