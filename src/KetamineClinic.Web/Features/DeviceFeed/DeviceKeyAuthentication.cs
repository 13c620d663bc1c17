using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>Claims of an authenticated device.</summary>
public static class DeviceClaims
{
    public const string Scheme = "DeviceKey";
    public const string Header = "X-Device-Key";
    public const string Policy = "DeviceFeed";
    public const string DeviceId = "kc:device";
    public const string SiteId = "kc:device-site";
    public const string ChairId = "kc:device-chair";
}

/// <summary>
/// Authenticates a device by its <c>X-Device-Key</c> header against the registry (SHA-256 lookup). No header:
/// no result (the endpoint's policy then challenges with 401); an unknown or deactivated key: failure (401).
/// The device feed endpoint requires this scheme, so it is never open to anonymous callers.
/// </summary>
internal sealed class DeviceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceDirectory devices) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(DeviceClaims.Header, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values[0]!.Trim();
        if (key.Length > 200)
        {
            return AuthenticateResult.Fail("Device key too long.");
        }

        var device = await devices.FindByKeyAsync(key, Context.RequestAborted);
        if (device is null)
        {
            return AuthenticateResult.Fail("Unknown or deactivated device key.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"device:{device.Label}"),
            new(DeviceClaims.DeviceId, device.Id.ToString()),
            new(DeviceClaims.SiteId, device.SiteId.ToString()),
        };
        if (device.ChairId is { } chair)
        {
            claims.Add(new Claim(DeviceClaims.ChairId, chair.ToString()));
        }

        var identity = new ClaimsIdentity(claims, DeviceClaims.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DeviceClaims.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = DeviceClaims.Scheme;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Device key required",
                Detail = $"Send the key of a registered, active device in the {DeviceClaims.Header} header.",
            },
        });
    }
}
