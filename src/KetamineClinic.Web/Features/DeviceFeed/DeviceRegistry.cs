using System.Security.Cryptography;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.DeviceFeed;

public sealed record DeviceRow(
    Guid Id, string Label, DeviceKind Kind, Guid SiteId, string SiteName, Guid? ChairId, string? ChairLabel, string KeyPrefix,
    bool IsActive, DateTimeOffset RegisteredAt, string RegisteredBy, DateTimeOffset? LastReadingAt,
    string? Hl7Application = null, string Hl7Facility = "")
{
    /// <summary>"MSH-3 / MSH-4" for screens, or null when the device does not speak HL7 v2.</summary>
    public string? Hl7Sender => Hl7Application is null ? null : Hl7Facility.Length == 0 ? Hl7Application : $"{Hl7Application} / {Hl7Facility}";
}

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

    public async Task<DeviceCommandResult> RegisterAsync(string label, DeviceKind kind, Guid siteId, Guid? chairId, StaffActor actor, CancellationToken ct = default) =>
        await RegisterAsync(label, kind, siteId, chairId, null, null, actor, ct);

    /// <summary>Registers a device; <paramref name="hl7Application"/> (MSH-3) and <paramref name="hl7Facility"/> (MSH-4) when it sends HL7 v2 over MLLP.</summary>
    public async Task<DeviceCommandResult> RegisterAsync(
        string label, DeviceKind kind, Guid siteId, Guid? chairId, string? hl7Application, string? hl7Facility, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (application, facility, hl7Problem) = NormalizeHl7(hl7Application, hl7Facility);
        if (hl7Problem is not null)
        {
            return new DeviceCommandResult.Invalid(hl7Problem);
        }

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

        if (application is not null && await db.Set<Device>().AnyAsync(d => d.Hl7Application == application && d.Hl7Facility == facility, ct))
        {
            return new DeviceCommandResult.Invalid($"Another device already uses the HL7 sender '{application}' / '{facility}'.");
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
            Hl7Application = application,
            Hl7Facility = facility,
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

    /// <summary>Sets (or clears, with a blank application) the HL7 v2 sender identity the MLLP listener knows the device by.</summary>
    public async Task<DeviceCommandResult> SetHl7SenderAsync(Guid deviceId, string? hl7Application, string? hl7Facility, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (application, facility, problem) = NormalizeHl7(hl7Application, hl7Facility);
        if (problem is not null)
        {
            return new DeviceCommandResult.Invalid(problem);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var device = await db.Set<Device>().FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null)
        {
            return new DeviceCommandResult.NotFound();
        }

        if (application is not null && await db.Set<Device>().AnyAsync(d => d.Id != deviceId && d.Hl7Application == application && d.Hl7Facility == facility, ct))
        {
            return new DeviceCommandResult.Invalid($"Another device already uses the HL7 sender '{application}' / '{facility}'.");
        }

        device.Hl7Application = application;
        device.Hl7Facility = facility;
        device.Version = Guid.NewGuid();
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Update, "Device", device.Id.ToString(), null,
            Detail: application is null ? "HL7 sender cleared" : $"HL7 sender set to '{application}' / '{facility}'"));
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

    private static (string? Application, string Facility, string? Problem) NormalizeHl7(string? application, string? facility)
    {
        var app = string.IsNullOrWhiteSpace(application) ? null : application.Trim();
        var fac = app is null ? string.Empty : (facility ?? string.Empty).Trim();
        if (app is null)
        {
            return (null, string.Empty, null);
        }

        if (app.Length > Device.MaxHl7IdentityLength || fac.Length > Device.MaxHl7IdentityLength)
        {
            return (null, string.Empty, $"An HL7 sending application or facility has at most {Device.MaxHl7IdentityLength} characters.");
        }

        // The namespace id is one HL7 component: the delimiters cannot appear in it unescaped.
        return app.Concat(fac).Any(c => c is '|' or '^' or '~' or '\\' or '&' || char.IsControl(c))
            ? (null, string.Empty, "An HL7 sending application or facility cannot contain | ^ ~ \\ & or control characters.")
            : (app, fac, null);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<DeviceRow> RowAsync(ClinicDbContext db, Device d, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == d.SiteId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        var chair = d.ChairId is { } c ? await db.Chairs.AsNoTracking().Where(x => x.Id == c).Select(x => x.Label).FirstOrDefaultAsync(ct) : null;
        return ToRow(d, site ?? "?", chair, null);
    }

    private static DeviceRow ToRow(Device d, string site, string? chair, DateTimeOffset? lastReading) =>
        new(d.Id, d.Label, d.Kind, d.SiteId, site, d.ChairId, chair, d.KeyPrefix, d.IsActive, d.RegisteredAt, d.RegisteredBy, lastReading, d.Hl7Application, d.Hl7Facility);
}
