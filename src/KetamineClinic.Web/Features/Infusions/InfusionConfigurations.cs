using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.Infusions;

internal sealed class InfusionSessionConfiguration : IEntityTypeConfiguration<InfusionSession>
{
    public void Configure(EntityTypeBuilder<InfusionSession> b)
    {
        b.ToTable("InfusionSessions");
        b.Property(x => x.Phase).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.AbortReason).HasMaxLength(500);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.NextReadingDueReason).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Chair>().WithMany().HasForeignKey(x => x.ChairId).OnDelete(DeleteBehavior.Restrict);
        // NULLs are distinct on both providers: one open session per chair and per patient, no provider-specific filter.
        b.HasIndex(x => x.OpenChairId).IsUnique();
        b.HasIndex(x => x.OpenPatientId).IsUnique();
        b.HasIndex(x => new { x.SiteId, x.SessionDate });
        b.HasIndex(x => new { x.PatientId, x.CheckedInAt });
    }
}

internal sealed class SessionEventConfiguration : IEntityTypeConfiguration<SessionEvent>
{
    public void Configure(EntityTypeBuilder<SessionEvent> b)
    {
        b.ToTable("SessionEvents");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.FromPhase).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ToPhase).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.RuleId).HasMaxLength(32);
        b.Property(x => x.ActorName).HasMaxLength(256);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.At });
    }
}

internal sealed class VitalReadingConfiguration : IEntityTypeConfiguration<VitalReading>
{
    public void Configure(EntityTypeBuilder<VitalReading> b)
    {
        b.ToTable("VitalReadings");
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SenderKey).HasMaxLength(80);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.Property(x => x.Evaluation).HasConversion<string>().HasMaxLength(16);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        // A resend (same sender, same idempotency key) can never become a second row.
        b.HasIndex(x => new { x.SenderKey, x.IdempotencyKey }).IsUnique();
        // The board and the session page read a session's readings in time order.
        b.HasIndex(x => new { x.SessionId, x.TakenAt });
    }
}

internal sealed class VitalAlarmConfiguration : IEntityTypeConfiguration<VitalAlarm>
{
    public void Configure(EntityTypeBuilder<VitalAlarm> b)
    {
        b.ToTable("VitalAlarms");
        b.Property(x => x.RuleId).HasMaxLength(32);
        b.Property(x => x.Family).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Actions).HasMaxLength(400);
        b.Property(x => x.Message).HasMaxLength(600);
        b.Property(x => x.Confirmation).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.SuppressedRules).HasMaxLength(200);
        b.Property(x => x.Interpretation).HasMaxLength(4);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(256);
        b.Property(x => x.ActionTaken).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsUnresolved);
        b.Ignore(x => x.RequiredActions);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.State });
        b.HasIndex(x => new { x.SiteId, x.State });
        // The escalation service looks for raised alarms whose time has come.
        b.HasIndex(x => new { x.State, x.EscalatesAt });
    }
}
