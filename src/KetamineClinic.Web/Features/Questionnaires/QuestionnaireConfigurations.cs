using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.Questionnaires;

internal sealed class InstrumentResponseConfiguration : IEntityTypeConfiguration<InstrumentResponse>
{
    public void Configure(EntityTypeBuilder<InstrumentResponse> b)
    {
        b.ToTable("InstrumentResponses");
        b.Property(x => x.InstrumentId).HasMaxLength(64);
        b.Property(x => x.InstrumentVersion).HasMaxLength(32);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.BandCode).HasMaxLength(40);
        b.Property(x => x.BandDisplay).HasMaxLength(80);
        b.Property(x => x.CssrsRisk).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SuicideRiskLevel).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.SuicideRiskRules).HasMaxLength(200);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.ExternalIdSystem).HasMaxLength(256);
        b.Property(x => x.ExternalIdValue).HasMaxLength(128);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // A resent FHIR QuestionnaireResponse (same identifier) can never become a second row. NULLs are distinct.
        b.HasIndex(x => new { x.ExternalIdSystem, x.ExternalIdValue }).IsUnique();
        b.HasIndex(x => x.ScoreObservationId).IsUnique();
        // Same-day look-ups (pre-infusion gate), the portal's trajectory and FHIR search by patient and date.
        b.HasIndex(x => new { x.PatientId, x.InstrumentId, x.AnsweredAt });
        b.HasIndex(x => x.AnsweredAt);
    }
}

internal sealed class InstrumentAnswerConfiguration : IEntityTypeConfiguration<InstrumentAnswer>
{
    public void Configure(EntityTypeBuilder<InstrumentAnswer> b)
    {
        b.ToTable("InstrumentAnswers");
        b.Property(x => x.LinkId).HasMaxLength(16);
        b.HasIndex(x => new { x.ResponseId, x.LinkId }).IsUnique();
    }
}

internal sealed class SuicideRiskAlertConfiguration : IEntityTypeConfiguration<SuicideRiskAlert>
{
    public void Configure(EntityTypeBuilder<SuicideRiskAlert> b)
    {
        b.ToTable("SuicideRiskAlerts");
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Rules).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.RequiredActions).HasMaxLength(2000);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InstrumentResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PatientId, x.AcknowledgedAt });
        b.HasIndex(x => x.RaisedAt);
    }
}
