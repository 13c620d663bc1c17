using System.Globalization;
using System.Net;
using System.Text;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Platform;

/// <summary>
/// Walks every endpoint the app maps (pages, APIs, infrastructure) so a new endpoint is covered the moment it
/// exists: anything not marked AllowAnonymous must turn an anonymous caller away, and anything marked
/// AllowAnonymous must be on the explicit allow-list below, so a new public endpoint fails this test until
/// someone adds it here on purpose, with a reason (contracts.md "Public pages").
/// </summary>
public sealed class AnonymousAccessTests
{
    /// <summary>Endpoints that may be reached without signing in, each with the reason it is public.</summary>
    private static readonly PublicEndpoint[] AllowList =
    [
        new("/health", "liveness probe for the orchestrator (contracts.md Health)"),
        new("/health/ready", "readiness probe: says only whether the database answers"),
        new("/openapi/{documentName}.json", "API description (contracts.md); no data, only shapes"),
        new("/scalar/", "browsable API reference UI and its own scripts", Prefix: true),
        new("/account/login", "the sign-in page itself"),
        new("/account/logout", "sign-out (POST): ends whatever session the caller has"),
        new("/account/denied", "tells a signed-in user a page is not for their role"),
        new("/account/set-password", "first password from a one-time token an administrator issued"),
        new("/_framework/", "Blazor's own scripts (no clinic data)", Prefix: true),
        new("/_content/", "component libraries' static files (MudBlazor)", Prefix: true),
        new("/_blazor", "Blazor circuit infrastructure; every staff page still authorizes itself", Prefix: true),
        // Planned public surface (contracts.md); listed so the feature lands without editing this test, and
        // nothing else under these names becomes public by accident.
        new("/directory", "public clinic directory (contracts.md Public pages)", Prefix: true),
        new("/fhir/metadata", "FHIR CapabilityStatement is public by the FHIR specification"),
        new("/.well-known/smart-configuration", "SMART on FHIR discovery is public by the SMART specification"),
        new("/connect/token", "OAuth 2.0 token endpoint: the client authenticates with its credentials"),
        new("/api/v1/devices/readings", "device feed: authenticated by X-Device-Key, not by a staff cookie"),
        new("/fhir/Organization", "FHIR clinic directory search: public like /directory (contracts.md Public pages)"),
        new("/fhir/Organization/{id}", "FHIR clinic directory read: public like /directory (contracts.md Public pages)"),
        new("/fhir/Location", "FHIR clinic directory search: public like /directory (contracts.md Public pages)"),
        new("/fhir/Location/{id}", "FHIR clinic directory read: public like /directory (contracts.md Public pages)"),
        new("/fhir/HealthcareService", "FHIR clinic directory search: public like /directory (contracts.md Public pages)"),
        new("/fhir/HealthcareService/{id}", "FHIR clinic directory read: public like /directory (contracts.md Public pages)"),
        new("/fhir/Practitioner", "FHIR clinic directory search: public like /directory (contracts.md Public pages)"),
        new("/fhir/Practitioner/{id}", "FHIR clinic directory read: public like /directory (contracts.md Public pages)"),
        new("/fhir/PractitionerRole", "FHIR clinic directory search: public like /directory (contracts.md Public pages)"),
        new("/fhir/PractitionerRole/{id}", "FHIR clinic directory read: public like /directory (contracts.md Public pages)"),
        // Patient pages reached by a one-time link: add their route here when they exist.
    ];

    /// <summary>Public endpoints that must exist and stay public (a locked health check takes the clinic down).</summary>
    private static readonly string[] MustBePublic = ["/health", "/health/ready", "/openapi/{documentName}.json"];

    [Fact]
    public async Task GivenAnonymousCaller_WhenCallingEveryProtectedEndpoint_ThenTurnedAway()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var ct = TestContext.Current.CancellationToken;

        var protectedRoutes = AllRoutes(app).Where(r => !r.IsAnonymous).ToList();
        Assert.NotEmpty(protectedRoutes);

        var failures = new List<string>();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in protectedRoutes)
        {
            foreach (var method in route.Methods.Where(m => sent.Add(m + " " + route.SampleUrl)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), route.SampleUrl);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request, ct);
                var verdict = Judge(route, response);
                if (verdict is not null)
                {
                    failures.Add($"{method} {route.SampleUrl} (route {route.Pattern}): {verdict}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Reachable without signing in:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task GivenEveryAnonymousEndpoint_WhenComparedWithTheAllowList_ThenEachIsListedOnPurpose()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();
        var routes = AllRoutes(app);

        var unlisted = Unlisted(routes);
        Assert.True(
            unlisted.Count == 0,
            "Anonymous endpoints not on the allow-list in AnonymousAccessTests (add them there with a reason, or require sign-in):\n"
            + string.Join('\n', unlisted));

        foreach (var pattern in MustBePublic)
        {
            var route = Assert.Single(routes, r => string.Equals(r.Pattern, pattern, StringComparison.OrdinalIgnoreCase));
            Assert.True(route.IsAnonymous, $"{pattern} must stay reachable without signing in.");
        }
    }

    [Theory]
    [InlineData("/patients/{id:guid}", "/patients/")]
    [InlineData("/openapi/{documentName}.json", "/openapi/x.json")]
    [InlineData("/sessions/{id:int}/vitals/{*rest}", "/sessions/1/vitals/x")]
    [InlineData("{**path:file}", "/x.txt")]
    public void GivenRoutePattern_WhenFillingParameters_ThenUrlMatchesTheConstraints(string pattern, string expectedStart)
    {
        var url = SampleUrl(RoutePatternFactory.Parse(pattern));

        Assert.StartsWith(expectedStart, url, StringComparison.Ordinal);
        if (pattern.Contains(":guid", StringComparison.Ordinal))
        {
            Assert.True(Guid.TryParse(url[expectedStart.Length..], out _), url);
        }
    }

    [Fact]
    public void GivenNewAnonymousEndpointNotOnTheList_WhenChecked_ThenReported()
    {
        var leak = ToRoute(FakeEndpoint("/api/v1/leak/{id:guid}", new AllowAnonymousAttribute()));
        var health = ToRoute(FakeEndpoint("/health", new AllowAnonymousAttribute()));

        Assert.Equal(["GET /api/v1/leak/{id:guid}"], Unlisted([leak, health]));
    }

    [Theory]
    [InlineData("/api/v1/patients", HttpStatusCode.OK, null, false)]
    [InlineData("/api/v1/patients", HttpStatusCode.Redirect, "http://localhost/account/login", false)]
    [InlineData("/api/v1/patients", HttpStatusCode.Unauthorized, null, true)]
    [InlineData("/fhir/Patient", HttpStatusCode.Forbidden, null, false)]
    [InlineData("/_blazor", HttpStatusCode.Unauthorized, null, true)]
    [InlineData("/_blazor", HttpStatusCode.Redirect, "/account/login?ReturnUrl=%2F_blazor", true)]
    [InlineData("/_blazor", HttpStatusCode.Redirect, "/elsewhere", false)]
    public void GivenAnonymousResponse_WhenJudged_ThenOnlyATurnAwayPasses(string pattern, HttpStatusCode status, string? location, bool turnedAway)
    {
        var route = ToRoute(FakeEndpoint(pattern));
        using var response = new HttpResponseMessage(status);
        if (location is not null)
        {
            response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        }

        Assert.Equal(turnedAway, Judge(route, response) is null);
    }

    private static RouteEndpoint FakeEndpoint(string pattern, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(metadata), pattern);

    private static List<string> Unlisted(IEnumerable<Route> routes) => routes
        .Where(r => r.IsAnonymous && !r.IsStaticAsset && !AllowList.Any(a => a.Matches(r.Pattern)))
        .Select(r => $"{string.Join(',', r.Methods)} {r.Pattern}")
        .Distinct(StringComparer.Ordinal)
        .ToList();

    private static string? Judge(Route route, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location;
        var toLogin = status == HttpStatusCode.Redirect && location is not null
            && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString)
                .StartsWith("/account/login", StringComparison.OrdinalIgnoreCase);

        if (route.IsApi)
        {
            // APIs answer 401 to a missing sign-in; a redirect to an HTML page is useless to a machine.
            return status == HttpStatusCode.Unauthorized ? null : $"answered {(int)status}, expected 401";
        }
        if (route.IsPage)
        {
            return toLogin ? null : $"answered {(int)status} {location}, expected 302 to /account/login";
        }
        // Infrastructure (Blazor hub, framework endpoints): turned away either way. .NET 10 answers 401 instead of
        // redirecting for endpoints it knows are not pages (IDisableCookieRedirectMetadata).
        return toLogin || status == HttpStatusCode.Unauthorized
            ? null
            : $"answered {(int)status} {location}, expected 401 or 302 to /account/login";
    }

    private static List<Route> AllRoutes(ClinicAppFactory app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.NotEmpty(endpoints);
        return endpoints.OfType<RouteEndpoint>().Select(ToRoute).ToList();
    }

    private static Route ToRoute(RouteEndpoint e)
    {
        var pattern = Normalize(e.RoutePattern.RawText ?? string.Empty);
        var isPage = e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        var declared = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        // Pages are opened with GET; a page's POST (form) is checked by the same authorization.
        var methods = isPage || declared is null || declared.Count == 0 ? ["GET"] : declared.ToArray();
        return new Route(
            pattern,
            SampleUrl(e.RoutePattern),
            methods,
            IsAnonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            IsPage: isPage,
            IsStaticAsset: e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null,
            IsApi: IsApiPattern(pattern));
    }

    private static string Normalize(string rawPattern) => rawPattern.StartsWith('/') ? rawPattern : "/" + rawPattern;

    private static bool IsApiPattern(string pattern) =>
        pattern.Equals("/api", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
        || pattern.Equals("/fhir", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("/fhir/", StringComparison.OrdinalIgnoreCase);

    /// <summary>A URL the pattern matches: parameters filled by constraint (guid, int, file...), "x" otherwise.</summary>
    private static string SampleUrl(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => SampleValue(parameter),
                    _ => throw new InvalidOperationException($"Unknown route part {part.GetType().Name} in {pattern.RawText}"),
                });
            }
        }
        return url.Length == 0 ? "/" : url.ToString();
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies
            .Select(p => p.Content ?? p.ParameterPolicy?.GetType().Name ?? string.Empty)
            .Select(c => c.ToLowerInvariant())
            .ToList();
        bool Has(string name) => constraints.Exists(c => c == name || c.StartsWith(name + "(", StringComparison.Ordinal) || c.StartsWith(name + "routeconstraint", StringComparison.Ordinal));

        if (Has("guid"))
        {
            return Guid.NewGuid().ToString();
        }
        if (Has("int") || Has("long") || Has("min") || Has("max") || Has("range"))
        {
            return 1.ToString(CultureInfo.InvariantCulture);
        }
        if (Has("decimal") || Has("double") || Has("float"))
        {
            return "1.5";
        }
        if (Has("bool"))
        {
            return "true";
        }
        if (Has("datetime"))
        {
            return "2026-01-01";
        }
        if (Has("file"))
        {
            return "x.txt";
        }
        return "x";
    }

    private sealed record Route(
        string Pattern, string SampleUrl, IReadOnlyList<string> Methods, bool IsAnonymous, bool IsPage, bool IsStaticAsset, bool IsApi);

    private sealed record PublicEndpoint(string Pattern, string Reason, bool Prefix = false)
    {
        public bool Matches(string pattern) => Prefix
            ? pattern.StartsWith(Pattern, StringComparison.OrdinalIgnoreCase)
            : pattern.Equals(Pattern, StringComparison.OrdinalIgnoreCase);
    }
}
