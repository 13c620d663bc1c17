using System.Security.Cryptography;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.DeviceFeed;

public sealed record DeviceRow(
    Guid Id, string Label, DeviceKind Kind, Guid SiteId, string SiteName, Guid? ChairId, string? ChairLabel, string KeyPrefix,
    bool IsActive, DateTimeOffset RegisteredAt, string RegisteredBy, DateTimeOffset? LastReadingAt);

/// <summary>A registration: the device and its key, shown once and never stored.</summary>
public sealed record RegisteredDevice(DeviceRow Device, string Key);

public abstract record DeviceCommandResult
{
    private DeviceCommandResult()
    {
    }

    public sealed record Done(DeviceRow Device) : DeviceCommandResult;

    public sealed record Registered(RegisteredDevice Registration) : DeviceCommandResult;

    public sealed record Invalid(string Message) : DeviceCommandResult;

    public sealed record NotFound : DeviceCommandResult;
}

/// <summary>The device registry: register (a new key, shown once), bind to a chair, deactivate. Audited.</summary>
public sealed class DeviceRegistry(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    DeviceDirectory directory,
    ActorAuditTrails audits)
{
    public const string KeyPrefix = "kcd_";

    public async Task<IReadOnlyList<DeviceRow>> ListAsync(Guid? siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var devices = db.Set<Device>().AsNoTracking();
        if (siteId is { } s)
        {
            devices = devices.Where(d => d.SiteId == s);
        }

        var rows = await devices
            .Select(d => new
            {
                Device = d,
                Site = db.Sites.Where(x => x.Id == d.SiteId).Select(x => x.Name).FirstOrDefault(),
                Chair = db.Chairs.Where(x => x.Id == d.ChairId).Select(x => x.Label).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Device.Id).ToList();
        var lastSeen = await db.Set<VitalReading>().AsNoTracking()
            .Where(r => r.DeviceId != null && ids.Contains(r.DeviceId.Value))
            .GroupBy(r => r.DeviceId!.Value)
            .Select(g => new { Id = g.Key, Last = g.Max(r => r.ReceivedAt) })
            .ToDictionaryAsync(x => x.Id, x => x.Last, ct);
        return [.. rows
            .OrderBy(r => r.Site, StringComparer.Ordinal).ThenBy(r => r.Device.Label, StringComparer.Ordinal)
            .Select(r => ToRow(r.Device, r.Site ?? "?", r.Chair, lastSeen.TryGetValue(r.Device.Id, out var last) ? last : null))];
    }

    public async Task<DeviceCommandResult> RegisterAsync(string label, DeviceKind kind, Guid siteId, Guid? chairId, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        label = (label ?? string.Empty).Trim();
        if (label.Length is 0 or > 80)
        {
            return new DeviceCommandResult.Invalid("A device needs a label of 1–80 characters.");
        }

        if (!Enum.IsDefined(kind))
        {
            return new DeviceCommandResult.Invalid("Unknown device kind.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return new DeviceCommandResult.Invalid("Unknown site.");
        }

        if (chairId is { } c && !await db.Chairs.AnyAsync(x => x.Id == c && x.SiteId == siteId, ct))
        {
            return new DeviceCommandResult.Invalid("The chair is not at this site.");
        }

        if (await db.Set<Device>().AnyAsync(d => d.SiteId == siteId && d.Label == label, ct))
        {
            return new DeviceCommandResult.Invalid($"A device labelled '{label}' already exists at this site.");
        }

        var key = NewKey();
        var device = new Device
        {
            Label = label,
            Kind = kind,
            SiteId = siteId,
            ChairId = chairId,
            KeyHash = DeviceDirectory.HashKey(key),
            KeyPrefix = key[..12],
            RegisteredAt = clock.GetUtcNow(),
            RegisteredBy = actor.Name,
        };
        db.Add(device);
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "Device", device.Id.ToString(), null, Detail: $"registered {kind} '{label}'"));
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        var row = await RowAsync(db, device, ct);
        return new DeviceCommandResult.Registered(new RegisteredDevice(row, key));
    }

    public async Task<DeviceCommandResult> BindAsync(Guid deviceId, Guid? chairId, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null)
        {
            return new DeviceCommandResult.NotFound();
        }

        if (chairId is { } c && !await db.Chairs.AnyAsync(x => x.Id == c && x.SiteId == device.SiteId, ct))
        {
            return new DeviceCommandResult.Invalid("The chair is not at the device's site.");
        }

        device.ChairId = chairId;
        device.Version = Guid.NewGuid();
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Update, "Device", device.Id.ToString(), null, Detail: chairId is null ? "unbound" : $"bound to chair {chairId}"));
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return new DeviceCommandResult.Done(await RowAsync(db, device, ct));
    }

    public async Task<DeviceCommandResult> DeactivateAsync(Guid deviceId, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null)
        {
            return new DeviceCommandResult.NotFound();
        }

        if (device.IsActive)
        {
            device.IsActive = false;
            device.DeactivatedAt = clock.GetUtcNow();
            device.Version = Guid.NewGuid();
            await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Update, "Device", device.Id.ToString(), null, Detail: "deactivated"));
            await db.SaveChangesAsync(ct);
            directory.Invalidate();
        }

        return new DeviceCommandResult.Done(await RowAsync(db, device, ct));
    }

    /// <summary>A fresh key: 256 random bits, URL-safe, with a recognisable prefix.</summary>
    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<DeviceRow> RowAsync(ClinicDbContext db, Device d, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == d.SiteId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        var chair = d.ChairId is { } c ? await db.Chairs.AsNoTracking().Where(x => x.Id == c).Select(x => x.Label).FirstOrDefaultAsync(ct) : null;
        return ToRow(d, site ?? "?", chair, null);
    }

    private static DeviceRow ToRow(Device d, string site, string? chair, DateTimeOffset? lastReading) =>
        new(d.Id, d.Label, d.Kind, d.SiteId, site, d.ChairId, chair, d.KeyPrefix, d.IsActive, d.RegisteredAt, d.RegisteredBy, lastReading);
}
