using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Platform.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddScoped<IAuditActor, HttpOrCircuitAuditActor>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddScoped<AuditSearch>();
        return services;
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public const string Table = "AuditEvents";

    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable(Table);
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.ResourceType).HasMaxLength(80);
        b.Property(x => x.ResourceId).HasMaxLength(200);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => x.PatientId);
        b.HasIndex(x => x.UserId);
    }
}
