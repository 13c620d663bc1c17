using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// An audit trail for an actor that is not the signed-in web user: a device, an interface client, a background
/// job. The events go through the same <see cref="IAuditTrail"/> (same chain, same SaveChanges as the write).
/// </summary>
public sealed class ActorAuditTrails(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock, ClinicMetrics metrics)
{
    public const string DeviceRole = "Device";
    public const string SystemRole = "System";

    internal IAuditTrail For(AuditActorInfo actor) => new AuditTrail(contexts, new Fixed(actor), clock, metrics);

    private sealed class Fixed(AuditActorInfo who) : IAuditActor
    {
        public Task<AuditActorInfo> CurrentAsync() => Task.FromResult(who);
    }
}
