using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Demo;

namespace KetamineClinic.Testing.Seeding;

/// <summary>
/// For tests about what happens after the start (vitals, alarms, board, recovery): a passed pre-infusion checklist and
/// a prepared dose (<see cref="DemoPreInfusion"/>), so <c>StartInfusion</c> is allowed without walking the pre-checks.
/// Tests of the pre-checks themselves use the handlers.
/// </summary>
public static class PreInfusionSeed
{
    public static Task ClearForStartAsync(ClinicDbContext db, Guid sessionId, DateTimeOffset now, CancellationToken ct = default) =>
        DemoPreInfusion.ClearForStartAsync(db, sessionId, now, ct);
}
