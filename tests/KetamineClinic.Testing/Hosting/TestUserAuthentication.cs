using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Testing.Hosting;

/// <summary>
/// Signs a test caller in without the sign-in page: a request with header <see cref="Header"/> or cookie
/// <see cref="Cookie"/> ("id|name|Role1,Role2") is that staff member; without either it stays anonymous and the
/// real cookie scheme still challenges. The cookie form works for a browser and its Blazor circuit.
/// </summary>
public static class TestUserAuthentication
{
    public const string Scheme = "TestUser";
    public const string Header = "X-Test-User";
    public const string Cookie = "kc-test-user";

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = Scheme);
    }

    public static string Value(Guid userId, string name, params string[] roles) => $"{userId}|{name}|{string.Join(',', roles)}";

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            string? value = Request.Headers.TryGetValue(Header, out var h) && h.Count > 0 ? h[0] : null;
            value ??= Request.Cookies.TryGetValue(Cookie, out var c) ? Uri.UnescapeDataString(c) : null;
            if (string.IsNullOrEmpty(value))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = value.Split('|');
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts[1]) };
            claims.AddRange(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
            var identity = new ClaimsIdentity(claims, TestUserAuthentication.Scheme, ClaimTypes.Name, ClaimTypes.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), TestUserAuthentication.Scheme)));
        }
    }
}
