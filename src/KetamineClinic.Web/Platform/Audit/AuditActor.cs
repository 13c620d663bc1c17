using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace KetamineClinic.Web.Platform.Audit;

/// <summary>Who is acting: from the HTTP request, or from the Blazor circuit (no HttpContext there).</summary>
public sealed record AuditActorInfo(Guid? UserId, string UserName, string? Role, string? ClientAddress);

public interface IAuditActor
{
    Task<AuditActorInfo> CurrentAsync();
}

internal sealed class HttpOrCircuitAuditActor(
    IHttpContextAccessor http,
    IServiceProvider services) : IAuditActor
{
    public async Task<AuditActorInfo> CurrentAsync()
    {
        var context = http.HttpContext;
        ClaimsPrincipal? user = context?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            // Interactive Blazor: the circuit's authentication state is the source of truth.
            var provider = services.GetService<AuthenticationStateProvider>();
            if (provider is not null)
            {
                try
                {
                    user = (await provider.GetAuthenticationStateAsync()).User;
                }
                catch (InvalidOperationException)
                {
                    // Outside a circuit (background work): no user.
                }
            }
        }
        var id = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        var name = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous";
        var roles = user?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray() ?? [];
        return new AuditActorInfo(id, name, roles.Length == 0 ? null : string.Join(',', roles), context?.Connection.RemoteIpAddress?.ToString());
    }
}

/// <summary>A fixed actor for work no person started through the web (command line, demo seed, background jobs).</summary>
internal sealed class FixedAuditActor(AuditActorInfo who) : IAuditActor
{
    public static FixedAuditActor System(string name) => new(new AuditActorInfo(null, name, null, null));

    public Task<AuditActorInfo> CurrentAsync() => Task.FromResult(who);
}
