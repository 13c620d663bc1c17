using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>What the feed needs to know about a registered device.</summary>
public sealed record DeviceInfo(Guid Id, string Label, DeviceKind Kind, Guid SiteId, Guid? ChairId, bool IsActive);

/// <summary>
/// Looks devices up by key (authentication) and by id (ingestion), with a short cache: a device posts every few
/// seconds and its record almost never changes. The registry clears the cache on every change it makes, so a
/// deactivated key stops working at once in this process (and within <see cref="CacheTime"/> in any other).
/// </summary>
public sealed class DeviceDirectory(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, (DeviceInfo? Device, DateTimeOffset Until)> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, (DeviceInfo? Device, DateTimeOffset Until)> _byId = new();
    private readonly ConcurrentDictionary<(string, string), (DeviceInfo? Device, DateTimeOffset Until)> _byHl7 = new();

    /// <summary>Lower-case hex SHA-256 of a device key: the only form in which a key is stored.</summary>
    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The active device with this key, or null (unknown key, or inactive device).</summary>
    public async Task<DeviceInfo?> FindByKeyAsync(string key, CancellationToken ct)
    {
        var hash = HashKey(key);
        var now = clock.GetUtcNow();
        if (_byHash.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Device;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().AsNoTracking()
            .Where(d => d.KeyHash == hash && d.IsActive)
            .Select(d => new DeviceInfo(d.Id, d.Label, d.Kind, d.SiteId, d.ChairId, d.IsActive))
            .FirstOrDefaultAsync(ct);
        _byHash[hash] = (device, now + CacheTime);
        return device;
    }

    /// <summary>The device with this id (active or not), or null.</summary>
    public async Task<DeviceInfo?> FindAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_byId.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached.Device;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new DeviceInfo(d.Id, d.Label, d.Kind, d.SiteId, d.ChairId, d.IsActive))
            .FirstOrDefaultAsync(ct);
        _byId[id] = (device, now + CacheTime);
        return device;
    }

    /// <summary>
    /// The active device whose HL7 v2 identity is this sending application (MSH-3 namespace id) and facility (MSH-4
    /// namespace id): a device registered for exactly that facility wins over one registered for any facility
    /// (empty). Null when none. Case-sensitive, as HL7 identifiers are.
    /// </summary>
    public async Task<DeviceInfo?> FindByHl7SenderAsync(string application, string facility, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(facility);
        if (application.Length is 0 or > Device.MaxHl7IdentityLength || facility.Length > Device.MaxHl7IdentityLength)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var key = (application, facility);
        if (_byHl7.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Device;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var candidates = await db.Set<Device>().AsNoTracking()
            .Where(d => d.Hl7Application == application && (d.Hl7Facility == facility || d.Hl7Facility == string.Empty) && d.IsActive)
            .Select(d => new { d.Hl7Facility, Info = new DeviceInfo(d.Id, d.Label, d.Kind, d.SiteId, d.ChairId, d.IsActive) })
            .ToListAsync(ct);
        var device = (candidates.Find(c => c.Hl7Facility.Length > 0) ?? candidates.FirstOrDefault())?.Info;
        _byHl7[key] = (device, now + CacheTime);
        return device;
    }

    /// <summary>Forgets everything cached (after a registration, binding or deactivation).</summary>
    public void Invalidate()
    {
        _byHash.Clear();
        _byId.Clear();
        _byHl7.Clear();
    }
}
