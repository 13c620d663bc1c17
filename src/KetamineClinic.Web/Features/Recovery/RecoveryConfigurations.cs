using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.Recovery;

internal sealed class DischargeScoreRecordConfiguration : IEntityTypeConfiguration<DischargeScoreRecord>
{
    public void Configure(EntityTypeBuilder<DischargeScoreRecord> b)
    {
        b.ToTable("DischargeScores");
        b.Property(x => x.AssessedByName).HasMaxLength(256);
        b.Property(x => x.Instrument).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Variant).HasMaxLength(120);
        b.Property(x => x.AnswersJson).HasMaxLength(2000);
        b.Property(x => x.ItemPoints).HasMaxLength(500);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.AssessedAt });
    }
}

internal sealed class BpDeviationAcknowledgementConfiguration : IEntityTypeConfiguration<BpDeviationAcknowledgement>
{
    public void Configure(EntityTypeBuilder<BpDeviationAcknowledgement> b)
    {
        b.ToTable("BpDeviationAcknowledgements");
        b.Property(x => x.PhysicianName).HasMaxLength(256);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.ReadingId });
    }
}

internal sealed class EscortHandOffConfiguration : IEntityTypeConfiguration<EscortHandOff>
{
    public void Configure(EntityTypeBuilder<EscortHandOff> b)
    {
        b.ToTable("EscortHandOffs");
        b.Property(x => x.EscortName).HasMaxLength(200);
        b.Property(x => x.Relationship).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.RecordedByName).HasMaxLength(256);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.HandedOffAt });
    }
}

internal sealed class SessionDepartureConfiguration : IEntityTypeConfiguration<SessionDeparture>
{
    public void Configure(EntityTypeBuilder<SessionDeparture> b)
    {
        b.ToTable("SessionDepartures");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.RecordedByName).HasMaxLength(256);
        b.Property(x => x.OverrideReason).HasMaxLength(500);
        b.Property(x => x.FailedRules).HasMaxLength(4000);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        // One departure per session.
        b.HasIndex(x => x.SessionId).IsUnique();
    }
}

internal sealed class SmsOutboxMessageConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    public void Configure(EntityTypeBuilder<SmsOutboxMessage> b)
    {
        b.ToTable("SmsOutbox");
        b.Property(x => x.DeduplicationKey).HasMaxLength(120);
        b.Property(x => x.ToPhone).HasMaxLength(40);
        b.Property(x => x.Body).HasMaxLength(1000);
        b.Property(x => x.Purpose).HasMaxLength(40);
        b.HasIndex(x => x.DeduplicationKey).IsUnique();
        b.HasIndex(x => x.CreatedAt);
    }
}
