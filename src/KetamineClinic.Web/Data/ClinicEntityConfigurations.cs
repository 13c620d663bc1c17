using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Web.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Website).HasMaxLength(300);
        b.HasMany(x => x.Sites).WithOne(x => x.Organization).HasForeignKey(x => x.OrganizationId);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.AddressLine).HasMaxLength(300);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.Region).HasMaxLength(100);
        b.Property(x => x.PostalCode).HasMaxLength(20);
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.HasMany(x => x.Chairs).WithOne(x => x.Site).HasForeignKey(x => x.SiteId);
        b.HasMany(x => x.OpeningHours).WithOne().HasForeignKey(x => x.SiteId);
        b.HasIndex(x => x.City);
    }
}

internal sealed class ChairConfiguration : IEntityTypeConfiguration<Chair>
{
    public void Configure(EntityTypeBuilder<Chair> b)
    {
        b.Property(x => x.Label).HasMaxLength(40);
        b.HasIndex(x => new { x.SiteId, x.Label }).IsUnique();
    }
}

internal sealed class StaffSiteAssignmentConfiguration : IEntityTypeConfiguration<StaffSiteAssignment>
{
    public void Configure(EntityTypeBuilder<StaffSiteAssignment> b)
    {
        b.HasKey(x => new { x.UserId, x.SiteId });
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
    }
}

internal sealed class ClinicUserConfiguration : IEntityTypeConfiguration<ClinicUser>
{
    public void Configure(EntityTypeBuilder<ClinicUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.Credentials).HasMaxLength(100);
        b.Property(x => x.LicenseNumber).HasMaxLength(60);
        b.HasMany(x => x.Sites).WithOne().HasForeignKey(x => x.UserId);
    }
}

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.Property(x => x.Mrn).HasMaxLength(32);
        b.HasIndex(x => x.Mrn).IsUnique();
        b.Property(x => x.GivenName).HasMaxLength(100);
        b.Property(x => x.FamilyName).HasMaxLength(100);
        b.HasIndex(x => new { x.FamilyName, x.GivenName });
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.EscortName).HasMaxLength(200);
        b.Property(x => x.EscortPhone).HasMaxLength(40);
        b.Property(x => x.HeightCm).HasPrecision(5, 1);
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.SexAtBirth).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.DisplayName);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.PrimarySiteId);
        b.HasMany(x => x.Weights).WithOne().HasForeignKey(x => x.PatientId);
        b.HasMany(x => x.Allergies).WithOne().HasForeignKey(x => x.PatientId);
        b.HasMany(x => x.Flags).WithOne().HasForeignKey(x => x.PatientId);
    }
}

internal sealed class WeightMeasurementConfiguration : IEntityTypeConfiguration<WeightMeasurement>
{
    public void Configure(EntityTypeBuilder<WeightMeasurement> b)
    {
        b.Property(x => x.WeightKg).HasPrecision(6, 2);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.PatientId, x.MeasuredAt });
    }
}

internal sealed class AllergyConfiguration : IEntityTypeConfiguration<Allergy>
{
    public void Configure(EntityTypeBuilder<Allergy> b)
    {
        b.Property(x => x.Substance).HasMaxLength(200);
        b.Property(x => x.Reaction).HasMaxLength(300);
    }
}

internal sealed class PatientFlagConfiguration : IEntityTypeConfiguration<PatientFlag>
{
    public void Configure(EntityTypeBuilder<PatientFlag> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.RaisedBy).HasMaxLength(200);
        b.Property(x => x.SuicideRiskLevel).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.RuleId).HasMaxLength(100);
        b.Ignore(x => x.IsActive);
    }
}
