using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

internal sealed class PatientConsentConfiguration : IEntityTypeConfiguration<PatientConsent>
{
    public void Configure(EntityTypeBuilder<PatientConsent> b)
    {
        b.ToTable("PatientConsents");
        b.Property(x => x.ConsentType).HasMaxLength(120);
        b.Property(x => x.FormVersion).HasMaxLength(40);
        b.Property(x => x.RecordedByName).HasMaxLength(256);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PatientId, x.SignedOn });
    }
}

internal sealed class PreInfusionCheckConfiguration : IEntityTypeConfiguration<PreInfusionCheck>
{
    public void Configure(EntityTypeBuilder<PreInfusionCheck> b)
    {
        b.ToTable("PreInfusionChecks");
        b.Property(x => x.EscortName).HasMaxLength(200);
        b.Property(x => x.EscortPhone).HasMaxLength(40);
        b.Property(x => x.EscortConfirmedByName).HasMaxLength(256);
        b.Property(x => x.NotOfReproductivePotentialReason).HasMaxLength(300);
        b.Property(x => x.PregnancyRecordedByName).HasMaxLength(256);
        b.Property(x => x.Outcome).HasMaxLength(24);
        b.Property(x => x.FindingsJson).HasMaxLength(8000);
        b.Property(x => x.WarnRuleIds).HasMaxLength(300);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.SignedOffRuleIds).HasMaxLength(300);
        b.Property(x => x.SignedOffByName).HasMaxLength(256);
        b.Property(x => x.SignOffNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.SessionId).IsUnique();
    }
}

internal sealed class InfusionDoseOrderConfiguration : IEntityTypeConfiguration<InfusionDoseOrder>
{
    public void Configure(EntityTypeBuilder<InfusionDoseOrder> b)
    {
        b.ToTable("InfusionDoseOrders");
        foreach (var p in new[]
                 {
                     nameof(InfusionDoseOrder.DoseMgPerKg), nameof(InfusionDoseOrder.PreviousDoseMgPerKg), nameof(InfusionDoseOrder.VialConcentrationMgPerMl),
                     nameof(InfusionDoseOrder.VialVolumeMl), nameof(InfusionDoseOrder.DiluentBagVolumeMl), nameof(InfusionDoseOrder.TargetConcentrationMgPerMl),
                     nameof(InfusionDoseOrder.DosingWeightKg), nameof(InfusionDoseOrder.ActualWeightKg), nameof(InfusionDoseOrder.HeightCm),
                     nameof(InfusionDoseOrder.BmiKgPerM2), nameof(InfusionDoseOrder.OrderedDoseMg), nameof(InfusionDoseOrder.DiluentRemovedMl),
                     nameof(InfusionDoseOrder.DiluentAddedMl), nameof(InfusionDoseOrder.FinalVolumeMl), nameof(InfusionDoseOrder.FinalConcentrationMgPerMlDisplay),
                     nameof(InfusionDoseOrder.RateMlPerHour), nameof(InfusionDoseOrder.DoseRateMgPerMin), nameof(InfusionDoseOrder.DoseRateMgPerKgPerHour),
                 })
        {
            b.Property(p).HasPrecision(12, 4);
        }

        b.Property(x => x.Preparation).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Diluent).HasMaxLength(60);
        b.Property(x => x.WeightBasis).HasMaxLength(16);
        b.Property(x => x.FindingsJson).HasMaxLength(8000);
        b.Property(x => x.UnroundedJson).HasMaxLength(2000);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.OrderedByName).HasMaxLength(256);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.IsCurrent });
    }
}

internal sealed class DoseAdministrationConfiguration : IEntityTypeConfiguration<DoseAdministration>
{
    public void Configure(EntityTypeBuilder<DoseAdministration> b)
    {
        b.ToTable("DoseAdministrations");
        b.Property(x => x.VialLot).HasMaxLength(40);
        b.Property(x => x.VialConcentrationMgPerMl).HasPrecision(12, 4);
        b.Property(x => x.PreparedByName).HasMaxLength(256);
        b.Property(x => x.CheckedByName).HasMaxLength(256);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.StatusReason).HasMaxLength(500);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<InfusionDoseOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.SessionId);
        b.HasIndex(x => x.PatientId);
    }
}

internal sealed class DoseDrawnConfiguration : IEntityTypeConfiguration<DoseDrawn>
{
    public void Configure(EntityTypeBuilder<DoseDrawn> b)
    {
        b.ToTable("DoseDrawnEvents");
        b.Property(x => x.VialLot).HasMaxLength(40);
        b.Property(x => x.VialConcentrationMgPerMl).HasPrecision(12, 4);
        b.Property(x => x.VialVolumeMl).HasPrecision(12, 4);
        b.Property(x => x.ByName).HasMaxLength(256);
        b.Property(x => x.WitnessName).HasMaxLength(256);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.HasOne<DoseAdministration>().WithMany().HasForeignKey(x => x.AdministrationId).OnDelete(DeleteBehavior.Restrict);
        // The ledger reads the draws it has not posted yet.
        b.HasIndex(x => new { x.LedgerPostedAt, x.At });
    }
}

internal sealed class InfusionObservationConfiguration : IEntityTypeConfiguration<InfusionObservation>
{
    public void Configure(EntityTypeBuilder<InfusionObservation> b)
    {
        b.ToTable("InfusionObservations");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.InfusionMinute).HasPrecision(8, 2);
        b.Property(x => x.Drug).HasMaxLength(120);
        b.Property(x => x.DoseText).HasMaxLength(60);
        b.Property(x => x.Position).HasMaxLength(120);
        b.Property(x => x.Seriousness).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.InstrumentId).HasMaxLength(64);
        b.Property(x => x.InstrumentVersion).HasMaxLength(20);
        b.Property(x => x.AnswersJson).HasMaxLength(2000);
        b.Property(x => x.ProtocolVersion).HasMaxLength(64);
        b.Property(x => x.ByName).HasMaxLength(256);
        b.HasOne<InfusionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.At });
    }
}
