using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Testing.Seeding;

/// <summary>Synthetic patients (invented names, example MRNs) with weights, allergies and flags.</summary>
public static class TestPatients
{
    /// <summary>Adds one patient; weights are given as (kg, days before now).</summary>
    public static async Task<Guid> AddAsync(
        IServiceProvider services,
        Guid siteId,
        string mrn,
        string givenName,
        string familyName,
        DateOnly bornOn,
        JourneyStage stage = JourneyStage.Maintenance,
        SexAtBirth sex = SexAtBirth.Female,
        IReadOnlyList<(decimal Kg, int DaysAgo)>? weights = null,
        IReadOnlyList<(string Substance, string? Reaction, bool Severe)>? allergies = null,
        IReadOnlyList<(FlagKind Kind, FlagPriority Priority, string Text)>? flags = null,
        CancellationToken ct = default)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var patient = new Patient
        {
            Mrn = mrn,
            GivenName = givenName,
            FamilyName = familyName,
            BornOn = bornOn,
            SexAtBirth = sex,
            HeightCm = 170.0m,
            PrimarySiteId = siteId,
            Stage = stage,
            CreatedAt = now,
        };
        patient.Weights.AddRange((weights ?? []).Select(w => new WeightMeasurement
        {
            PatientId = patient.Id,
            WeightKg = w.Kg,
            MeasuredAt = now.AddDays(-w.DaysAgo),
            RecordedBy = "Nora Quinn, RN",
        }));
        patient.Allergies.AddRange((allergies ?? []).Select(a => new Allergy
        {
            PatientId = patient.Id,
            Substance = a.Substance,
            Reaction = a.Reaction,
            IsSevere = a.Severe,
        }));
        patient.Flags.AddRange((flags ?? []).Select((f, i) => new PatientFlag
        {
            PatientId = patient.Id,
            Kind = f.Kind,
            Priority = f.Priority,
            Text = f.Text,
            RaisedAt = now.AddDays(-10 + i),
            RaisedBy = "Dr. Priya Raman, MD",
        }));
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Patients.Add(patient);
        await db.SaveChangesAsync(ct);
        return patient.Id;
    }

    private static readonly (string Given, string Family)[] Names =
    [
        ("Avery", "Thompson"), ("Jordan", "Nakamura"), ("Riley", "Okonkwo"), ("Morgan", "Lindqvist"), ("Casey", "Delgado"),
        ("Quinn", "Harrington"), ("Rowan", "Petrov"), ("Emerson", "Baptiste"), ("Sage", "McAllister"), ("Reese", "Kowalski"),
        ("Hayden", "Oyelaran"), ("Parker", "Villanueva"), ("Dakota", "Sørensen"), ("Skyler", "Abernathy"), ("Finley", "Castellano"),
        ("Blake", "Iwasaki"), ("Cameron", "Fitzgerald"), ("Drew", "Mensah"), ("Elliot", "Rasmussen"), ("Harper", "Quintero"),
    ];

    /// <summary>A demo-like population spread over the journey stages of two sites (for screenshots and searches).</summary>
    public static async Task<Guid> AddPopulationAsync(IServiceProvider services, Guid siteA, Guid siteB, CancellationToken ct = default)
    {
        var stages = Enum.GetValues<JourneyStage>();
        Guid featured = Guid.Empty;
        for (var i = 0; i < Names.Length; i++)
        {
            var (given, family) = Names[i];
            var featuredPatient = i == 0;
            var id = await AddAsync(
                services,
                i % 3 == 2 ? siteB : siteA,
                $"KC-{100101 + i}",
                given,
                family,
                new DateOnly(1962 + (i * 2), 1 + (i % 12), 3 + i),
                featuredPatient ? JourneyStage.Induction : stages[(i * 7) % stages.Length],
                i % 2 == 0 ? SexAtBirth.Female : SexAtBirth.Male,
                weights: featuredPatient ? [(71.2m, 45), (70.4m, 38)] : [(60m + i, 3 + i)],
                allergies: featuredPatient
                    ? [("Penicillin", "Hives", false), ("Latex", "Anaphylaxis", true)]
                    : i % 4 == 1 ? [("Sulfonamides", "Rash", false)] : [],
                flags: featuredPatient
                    ? [(FlagKind.SuicideRisk, FlagPriority.High, "PHQ-9 item 9 scored 2 at intake: same-session clinician review before infusion."),
                       (FlagKind.FallRisk, FlagPriority.Normal, "Dizziness after previous sessions: escort to the car.")]
                    : [],
                ct: ct);
            if (featuredPatient)
            {
                featured = id;
            }
        }
        return featured;
    }
}
