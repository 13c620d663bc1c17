using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>Reads the whole chain in order and checks every link. Used by `audit verify` and the audit log page.</summary>
internal sealed class AuditChainVerifier(IDbContextFactory<ClinicDbContext> contexts)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await AuditChain.VerifyAsync(events, ct);
    }
}
