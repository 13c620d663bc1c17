using KetamineClinic.Domain.Infusions.PreInfusion;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Infusions.PreInfusion;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Demo;

/// <summary>
/// Demo data only (synthetic, like the demo seed): a passed pre-infusion checklist and a prepared 0.5 mg/kg × 70 kg
/// dose for a session, so the vitals simulator's demo infusions can start without a person walking the pre-check and
/// dose pages (which stay the way staff start a real infusion). Tests about what happens after the start use it too.
/// </summary>
public static class DemoPreInfusion
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
            OrderedByName = "demo physician (synthetic)",
        };
        db.Add(order);
        db.Add(new DoseAdministration
        {
            OrderId = order.Id,
            SessionId = sessionId,
            PatientId = session.PatientId,
            VialLot = "DEMO-LOT",
            VialExpiresOn = DateOnly.FromDateTime(now.UtcDateTime).AddYears(1),
            VialConcentrationMgPerMl = 10m,
            PreparedAt = now,
            PreparedByName = "demo nurse (synthetic)",
            CheckedByName = "demo nurse 2 (synthetic)",
            ProtocolVersion = version,
        });
        await db.SaveChangesAsync(ct);
    }
}
