using KetamineClinic.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.DeviceFeed;

public enum DeviceKind
{
    Monitor,
    PulseOximeter,
    BpCuff,
    Gateway,
}

/// <summary>
/// A registered bedside device. The key is shown once at registration; only its SHA-256 is stored, so a database
/// leak does not hand out device credentials. A device sends readings only while active and bound to a chair.
/// </summary>
public sealed class Device
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Label { get; set; }
    public DeviceKind Kind { get; set; }
    public Guid SiteId { get; set; }
    public Guid? ChairId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the device key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The key's first characters, to tell keys apart on screen (not secret enough to authenticate).</summary>
    public required string KeyPrefix { get; set; }

    /// <summary>
    /// HL7 v2 sender identity: the namespace id of MSH-3 (sending application) this device or gateway puts in its
    /// ORU^R01 messages, or null when it does not speak HL7 v2. Also matched against OBX-18 (equipment instance).
    /// </summary>
    public string? Hl7Application { get; set; }

    /// <summary>Namespace id of MSH-4 (sending facility) to match with <see cref="Hl7Application"/>; empty = any facility.</summary>
    public string Hl7Facility { get; set; } = string.Empty;

    public bool IsActive { get; set; } = true;
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Longest MSH-3 / MSH-4 namespace id stored (HL7 IS/HD components are short; 64 leaves room).</summary>
    public const int MaxHl7IdentityLength = 64;
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.ToTable("Devices");
        b.Property(x => x.Label).HasMaxLength(80);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.Property(x => x.KeyPrefix).HasMaxLength(12);
        b.Property(x => x.RegisteredBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.HasIndex(x => new { x.SiteId, x.Label }).IsUnique();
        b.Property(x => x.Hl7Application).HasMaxLength(Device.MaxHl7IdentityLength);
        b.Property(x => x.Hl7Facility).HasMaxLength(Device.MaxHl7IdentityLength);
        b.HasIndex(x => new { x.Hl7Application, x.Hl7Facility }).IsUnique();
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Chair>().WithMany().HasForeignKey(x => x.ChairId).OnDelete(DeleteBehavior.Restrict);
    }
}
