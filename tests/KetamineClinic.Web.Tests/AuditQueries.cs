using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests;

internal static class AuditQueries
{
    /// <summary>The audit events written after <paramref name="afterSequence"/>, oldest first.</summary>
    public static async Task<List<AuditEvent>> SinceAsync(IServiceProvider services, long afterSequence)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > afterSequence).OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<long> LastSequenceAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().MaxAsync(e => (long?)e.Sequence) ?? 0;
    }
}
