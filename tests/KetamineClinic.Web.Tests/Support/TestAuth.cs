using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Tests.Support;

/// <summary>
/// Signs test requests in without the sign-in page: a request carrying <see cref="Header"/> is authenticated as
/// that user; one without it is anonymous, and challenges still go to the real cookie scheme.
/// Header value: "id|name|Role1,Role2[|claimType=value]".
/// </summary>
internal static class TestAuth
{
    public const string Scheme = "Test";
    public const string Header = "X-Test-User";

    public static WebApplicationFactory<Program> WithTestAuth(this WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
            services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = Scheme);
        }));

    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> factory, Guid userId, string name, string roles, string? extraClaim = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, $"{userId}|{name}|{roles}" + (extraClaim is null ? string.Empty : $"|{extraClaim}"));
        return client;
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var value) || value.Count == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var parts = value[0]!.Split('|');
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts[1]) };
            claims.AddRange(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
            if (parts.Length > 3)
            {
                var pair = parts[3].Split('=', 2);
                claims.Add(new Claim(pair[0], pair[1]));
            }
            var identity = new ClaimsIdentity(claims, TestAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), TestAuth.Scheme)));
        }
    }
}
