using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>Bulk Data Access IG: a system-level (<c>/fhir/$export</c>) or patient-level (<c>/fhir/Patient/$export</c>) export.</summary>
public enum BulkExportLevel
{
    System,
    Patient,
}

public enum BulkExportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    Expired,
}

/// <summary>
/// One kick-off request and its state. Kept in the database (not in memory) so an accepted export survives a restart
/// and any app instance can answer its status URL.
/// </summary>
public sealed class BulkExportJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public BulkExportLevel Level { get; set; }

    /// <summary>The OAuth client that asked; only it may poll, download or cancel.</summary>
    public required string ClientId { get; set; }

    /// <summary>The audit name of the client (the actor of the export's audit events).</summary>
    public required string RequestedBy { get; set; }

    public string? ClientAddress { get; set; }

    /// <summary>The kick-off URL as received (echoed as <c>request</c> in the manifest).</summary>
    public required string RequestUrl { get; set; }

    /// <summary>Resource types to export, comma-separated, in export order.</summary>
    public required string Types { get; set; }

    /// <summary><c>_since</c>: only resources changed after this instant (where the store knows when a resource changed).</summary>
    public DateTimeOffset? Since { get; set; }

    public BulkExportStatus Status { get; set; } = BulkExportStatus.Queued;
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The manifest's <c>transactionTime</c>: resources changed after it are not in this export.</summary>
    public DateTimeOffset? TransactionTime { get; set; }

    /// <summary>Resources written so far (status polling's X-Progress).</summary>
    public long ResourcesWritten { get; set; }

    /// <summary>Why the export failed, without patient data.</summary>
    public string? Error { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<string> TypeList => Types.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One NDJSON output file. Stored in the database: durable with the job, reachable from every instance, deleted
/// with the job on cancel or expiry (no file system to configure or clean).
/// </summary>
public sealed class BulkExportFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid JobId { get; set; }
    public required string ResourceType { get; set; }

    /// <summary>1-based part number within the type (large exports are split into several files).</summary>
    public int Part { get; set; }

    public long ResourceCount { get; set; }

    /// <summary>UTF-8 NDJSON, one resource per line.</summary>
    public required byte[] Content { get; set; }
}

internal sealed class BulkExportJobConfiguration : IEntityTypeConfiguration<BulkExportJob>
{
    public void Configure(EntityTypeBuilder<BulkExportJob> b)
    {
        b.ToTable("BulkExportJobs");
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClientId).HasMaxLength(100);
        b.Property(x => x.RequestedBy).HasMaxLength(256);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.RequestUrl).HasMaxLength(2048);
        b.Property(x => x.Types).HasMaxLength(1024);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.TypeList);
        b.HasIndex(x => new { x.Status, x.RequestedAt });
        b.HasIndex(x => new { x.ClientId, x.Status });
    }
}

internal sealed class BulkExportFileConfiguration : IEntityTypeConfiguration<BulkExportFile>
{
    public void Configure(EntityTypeBuilder<BulkExportFile> b)
    {
        b.ToTable("BulkExportFiles");
        b.Property(x => x.ResourceType).HasMaxLength(64);
        b.HasOne<BulkExportJob>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.JobId, x.ResourceType, x.Part }).IsUnique();
    }
}
