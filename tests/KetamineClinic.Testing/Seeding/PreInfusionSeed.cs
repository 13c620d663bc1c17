using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Infusions.PreInfusion;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Testing.Seeding;

/// <summary>
/// For tests about what happens after the start (vitals, alarms, board): writes a passed pre-infusion checklist and a
/// prepared 0.5 mg/kg × 70 kg dose for a session, so <c>StartInfusion</c> is allowed without walking the pre-checks
/// (which would add baseline readings to the session). Tests of the pre-checks themselves use the handlers.
/// </summary>
public static class PreInfusionSeed
{
    public static async Task ClearForStartAsync(ClinicDbContext db, Guid sessionId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var session = await db.Set<InfusionSession>().AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        var version = ClinicProtocol.Default.Version.Value;
        db.Add(new PreInfusionCheck
        {
            SessionId = sessionId,
            PatientId = session.PatientId,
            InputsChangedAt = now,
            EvaluatedAt = now,
            Outcome = nameof(PreInfusionOutcome.Proceed),
            FindingsJson = "[]",
            WarnRuleIds = string.Empty,
            ProtocolVersion = version,
        });
        var order = new InfusionDoseOrder
        {
            SessionId = sessionId,
            PatientId = session.PatientId,
            DoseMgPerKg = 0.5m,
            DurationMin = 40,
            VialConcentrationMgPerMl = 10m,
            VialVolumeMl = 20m,
            Preparation = PreparationKind.BagAdditive,
            DiluentBagVolumeMl = 100m,
            Diluent = "0.9% NaCl",
            WeightBasis = "Actual",
            DosingWeightKg = 70m,
            ActualWeightKg = 70m,
            WeightMeasuredAt = now,
            OrderedDoseMg = 35m,
            DrawnMicrolitres = 3500,
            RecordedDoseMicrograms = 35000,
            VialsRequired = 1,
            FinalVolumeMl = 103.5m,
            FinalConcentrationMgPerMlDisplay = 0.3382m,
            RateMlPerHour = 155.3m,
            DoseRateMgPerMin = 0.875m,
            DoseRateMgPerKgPerHour = 0.75m,
            FindingsJson = "[]",
            UnroundedJson = "{}",
            ProtocolVersion = version,
            OrderedAt = now,
            OrderedByName = "seed physician",
        };
        db.Add(order);
        db.Add(new DoseAdministration
        {
            OrderId = order.Id,
            SessionId = sessionId,
            PatientId = session.PatientId,
            VialLot = "SEED-LOT",
            VialExpiresOn = DateOnly.FromDateTime(now.UtcDateTime).AddYears(1),
            VialConcentrationMgPerMl = 10m,
            PreparedAt = now,
            PreparedByName = "seed nurse",
            CheckedByName = "seed nurse 2",
            ProtocolVersion = version,
        });
        await db.SaveChangesAsync(ct);
    }
}
