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

    public bool IsActive { get; set; } = true;
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
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
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Chair>().WithMany().HasForeignKey(x => x.ChairId).OnDelete(DeleteBehavior.Restrict);
    }
}
