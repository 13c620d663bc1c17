using System.Security.Claims;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>The signed-in staff member acting, taken from the request or the Blazor circuit's principal.</summary>
public sealed record StaffActor(Guid UserId, string Name, IReadOnlyList<string> Roles)
{
    public bool IsPhysician => Roles.Contains(ClinicRoles.Physician, StringComparer.Ordinal);

    /// <summary>Nurse or physician (ClinicPolicies.Clinical).</summary>
    public bool IsClinical => IsPhysician || Roles.Contains(ClinicRoles.Nurse, StringComparer.Ordinal);

    public bool IsFrontDesk => Roles.Contains(ClinicRoles.FrontDesk, StringComparer.Ordinal);

    public static StaffActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : Guid.Empty;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        return new StaffActor(id, user.Identity?.Name ?? "unknown", roles);
    }

    internal AuditActorInfo ToAudit() => new(UserId == Guid.Empty ? null : UserId, Name, Roles.Count == 0 ? null : string.Join(',', Roles), null);
}
