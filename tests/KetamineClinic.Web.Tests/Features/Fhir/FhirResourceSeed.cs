using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>One seeded Observation with the facts the search tests check against.</summary>
internal sealed record SeededObservation(string Id, Guid PatientId, Guid? SessionId, string Code, DateTimeOffset At);

/// <summary>
/// A small clinic history for the FHIR resource tests: two patients, three sessions (two discharged, one aborted
/// before the infusion), readings with BP/HR/SpO₂ at known instants, body weights, a flag and an alarm.
/// </summary>
internal sealed record FhirSeed(
    SeededClinic Clinic,
    Guid PatientA,
    Guid PatientB,
    Guid SessionA1,
    Guid SessionA2,
    Guid SessionB1,
    Guid FlagA,
    Guid AlarmA1,
    Guid ReadingA1First,
    Guid WeightA,
    Guid ChairId,
    IReadOnlyList<SeededObservation> Observations)
{
    public static readonly DateTimeOffset March10 = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset April2 = new(2026, 4, 2, 15, 30, 0, TimeSpan.Zero);

    public static async Task<FhirSeed> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var clinic = await TestClinic.SeedAsync(services, ct);
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var chair = await db.Chairs.Where(c => c.SiteId == clinic.Riverside.Id).OrderBy(c => c.Label).FirstAsync(ct);
        var a = NewPatient("KC-100001", "Ada", "Alvarez", clinic.Riverside.Id);
        var b = NewPatient("KC-100002", "Ben", "Brooks", clinic.Riverside.Id);
        db.AddRange(a, b);
        var observations = new List<SeededObservation>();

        var a1 = Session(a.Id, clinic.Riverside.Id, chair.Id, March10, SessionPhase.Discharged, started: true);
        var a2 = Session(a.Id, clinic.Riverside.Id, chair.Id, April2, SessionPhase.Discharged, started: true);
        var b1 = Session(b.Id, clinic.Riverside.Id, chair.Id, March10.AddHours(3), SessionPhase.Aborted, started: false);
        db.AddRange(a1, a2, b1);
        var readings = new List<VitalReading>();
        foreach (var (session, patient, start) in new[] { (a1, a.Id, March10), (a2, a.Id, April2), (b1, b.Id, March10.AddHours(3)) })
        {
            for (var i = 0; i < 3; i++)
            {
                var at = start.AddMinutes(10 + i * 5);
                var reading = new VitalReading
                {
                    SessionId = session.Id,
                    Source = VitalsSourceKind.Manual,
                    SenderKey = "user:test",
                    IdempotencyKey = Guid.NewGuid().ToString("N"),
                    TakenAt = at,
                    ReceivedAt = at,
                    SystolicMmHg = 120 + i,
                    DiastolicMmHg = 80,
                    HeartRatePerMin = 70 + i,
                    // SpO2 on the first reading of each session only.
                    Spo2Percent = i == 0 ? 98 : null,
                };
                readings.Add(reading);
                observations.Add(new(Id(reading.Id, "-bp"), patient, session.Id, "85354-9", at));
                observations.Add(new(Id(reading.Id, "-hr"), patient, session.Id, "8867-4", at));
                if (i == 0)
                {
                    observations.Add(new(Id(reading.Id, "-spo2"), patient, session.Id, "2708-6", at));
                }
            }
        }
        db.AddRange(readings);
        var weightA = new WeightMeasurement { PatientId = a.Id, WeightKg = 72.5m, MeasuredAt = March10.AddMinutes(-30), RecordedBy = "test" };
        var weightB = new WeightMeasurement { PatientId = b.Id, WeightKg = 88m, MeasuredAt = April2.AddDays(1), RecordedBy = "test" };
        db.AddRange(weightA, weightB);
        observations.Add(new(Id(weightA.Id, ""), a.Id, null, "29463-7", weightA.MeasuredAt));
        observations.Add(new(Id(weightB.Id, ""), b.Id, null, "29463-7", weightB.MeasuredAt));

        var flag = new PatientFlag { PatientId = a.Id, Kind = FlagKind.SuicideRisk, Priority = FlagPriority.High, Text = "Suicide risk: C-SSRS High", RaisedAt = March10.AddDays(-1) };
        db.Add(flag);
        var alarm = new VitalAlarm
        {
            SessionId = a1.Id,
            SiteId = clinic.Riverside.Id,
            ReadingId = readings[0].Id,
            RuleId = "VS-BP-01",
            Family = VitalSignFamily.BloodPressure,
            Severity = AlarmSeverity.Warn,
            Actions = nameof(AlarmAction.NotifyNurse),
            Message = "SBP 160-180: repeat in 5 min",
            EventTime = readings[0].TakenAt,
            FirstMetAt = readings[0].TakenAt,
            ProtocolVersion = "test-1",
            RaisedAt = readings[0].TakenAt,
            EscalatesAt = readings[0].TakenAt.AddMinutes(5),
            State = AlarmState.Acknowledged,
            AcknowledgedAt = readings[0].TakenAt.AddMinutes(1),
            AcknowledgedByUserId = clinic.UserId(KetamineClinic.Web.Platform.ClinicRoles.Nurse),
            AcknowledgedByName = "Nora Quinn",
            ActionTaken = "Repeated BP",
        };
        db.Add(alarm);
        await db.SaveChangesAsync(ct);
        return new FhirSeed(clinic, a.Id, b.Id, a1.Id, a2.Id, b1.Id, flag.Id, alarm.Id, readings[0].Id, weightA.Id, chair.Id, observations);
    }

    private static string Id(Guid id, string suffix) => id.ToString("D") + suffix;

    private static Patient NewPatient(string mrn, string given, string family, Guid site) => new()
    {
        Mrn = mrn,
        GivenName = given,
        FamilyName = family,
        BornOn = new DateOnly(1985, 6, 1),
        SexAtBirth = SexAtBirth.Female,
        PrimarySiteId = site,
        Stage = JourneyStage.Induction,
        CreatedAt = March10.AddDays(-30),
    };

    private static InfusionSession Session(Guid patient, Guid site, Guid chair, DateTimeOffset start, SessionPhase phase, bool started) => new()
    {
        PatientId = patient,
        SiteId = site,
        ChairId = chair,
        SessionDate = DateOnly.FromDateTime(start.UtcDateTime),
        Phase = phase,
        CheckedInAt = start,
        PreChecksStartedAt = start.AddMinutes(2),
        InfusionStartedAt = started ? start.AddMinutes(5) : null,
        InfusionEndedAt = started ? start.AddMinutes(45) : null,
        DischargedAt = phase == SessionPhase.Discharged ? start.AddMinutes(110) : null,
        AbortedAt = phase == SessionPhase.Aborted ? start.AddMinutes(20) : null,
        AbortReason = phase == SessionPhase.Aborted ? "Deferred: BP above the pre-infusion gate" : null,
        ProtocolVersion = "test-1",
    };
}
