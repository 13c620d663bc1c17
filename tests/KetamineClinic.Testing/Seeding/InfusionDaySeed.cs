using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Directory;
using KetamineClinic.Web.Features.Patients;

namespace KetamineClinic.Testing.Seeding;

/// <summary>A small synthetic clinic for infusion-day tests: one site, chairs, patients, one device per chair.</summary>
public sealed record InfusionDayClinic(
    Guid OrganizationId,
    Guid SiteId,
    IReadOnlyList<Guid> ChairIds,
    IReadOnlyList<Guid> PatientIds,
    IReadOnlyList<Guid> DeviceIds,
    IReadOnlyList<string> DeviceKeys);

public static class InfusionDaySeed
{
    /// <summary>Adds a site with <paramref name="chairs"/> chairs, as many patients, and a monitor bound to each chair (keys returned in clear).</summary>
    public static async Task<InfusionDayClinic> SeedAsync(ClinicDbContext db, DateTimeOffset now, int chairs = 2, string siteName = "Test Site")
    {
        ArgumentNullException.ThrowIfNull(db);
        var org = new Organization { Name = "Synthetic Clinic Network " + Guid.NewGuid().ToString("N")[..6] };
        var site = new Site
        {
            OrganizationId = org.Id,
            Name = siteName,
            AddressLine = "1 Example Way",
            City = "Springfield",
            Region = "IL",
            PostalCode = "62701",
            Phone = "555-0100",
            TimeZone = "America/Chicago",
        };
        db.Add(org);
        db.Add(site);
        var chairIds = new List<Guid>();
        var patientIds = new List<Guid>();
        var deviceIds = new List<Guid>();
        var keys = new List<string>();
        for (var i = 1; i <= chairs; i++)
        {
            var chair = new Chair { SiteId = site.Id, Label = $"Chair {i}" };
            db.Add(chair);
            chairIds.Add(chair.Id);
            var patient = new Patient
            {
                Mrn = $"T{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}",
                GivenName = $"Test{i}",
                FamilyName = $"Patient{i}",
                BornOn = new DateOnly(1980, 1, 1).AddDays(i * 37),
                SexAtBirth = SexAtBirth.Unknown,
                PrimarySiteId = site.Id,
                Stage = JourneyStage.Induction,
                CreatedAt = now,
            };
            db.Add(patient);
            patientIds.Add(patient.Id);
            var key = DeviceRegistry.NewKey();
            var device = new Device
            {
                Label = $"Monitor {i}",
                Kind = DeviceKind.Monitor,
                SiteId = site.Id,
                ChairId = chair.Id,
                KeyHash = DeviceDirectory.HashKey(key),
                KeyPrefix = key[..12],
                RegisteredAt = now,
                RegisteredBy = "test",
            };
            db.Add(device);
            deviceIds.Add(device.Id);
            keys.Add(key);
        }

        await db.SaveChangesAsync();
        return new InfusionDayClinic(org.Id, site.Id, chairIds, patientIds, deviceIds, keys);
    }
}
