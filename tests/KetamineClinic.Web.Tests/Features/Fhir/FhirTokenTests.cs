using System.Net;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Tests.Platform.Audit;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>POST /connect/token: OAuth 2.0 client credentials with SMART v2 system scopes.</summary>
public sealed class FhirTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenARegisteredClient_WhenItAsksForAllowedScopes_ThenAJwtCarryingExactlyThoseScopes(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var secret = await app.RegisterClientAsync("lab-gateway", "system/*.rs system/Observation.c");
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("lab-gateway", secret, "system/Observation.crs system/Patient.r");

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.InRange(json.RootElement.GetProperty("expires_in").GetInt32(), 3590, 3600);
        Assert.Equal("system/Observation.crs system/Patient.r", json.RootElement.GetProperty("scope").GetString());
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        var claims = FhirTestKit.JwtPayload(token);
        Assert.Equal("system/Observation.crs system/Patient.r", claims.GetProperty("scope").GetString());
        Assert.Equal("lab-gateway", claims.GetProperty("sub").GetString());
        Assert.Equal("lab-gateway", claims.GetProperty("client_id").GetString());
        Assert.Equal("ketamine-clinic-fhir", claims.GetProperty("aud").GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        // A signed JWT (RS256), readable by resource servers: not encrypted.
        Assert.Equal(3, token.Split('.').Length);

        var audit = (await AuditTestKit.ReadChainAsync(app.Database))[^1];
        Assert.Equal(AuditActions.SignIn, audit.Action);
        Assert.Equal("FhirClient", audit.ResourceType);
        Assert.Equal("lab-gateway", audit.ResourceId);
        Assert.Equal("client:lab-gateway", audit.UserName);
        Assert.Equal("token issued; scopes: system/Observation.crs system/Patient.r", audit.Detail);
    }

    [Fact]
    public async Task GivenCredentialsInTheForm_WhenAskingForAToken_ThenClientSecretPostWorksToo()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var secret = await app.RegisterClientAsync("forms", "system/Observation.rs");
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("forms", secret, "system/Observation.read", basic: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAWrongSecret_WhenAskingForAToken_Then401InvalidClientAndAFailedSignInIsAudited(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        await app.RegisterClientAsync("lab-gateway", "system/*.rs");
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("lab-gateway", "not-the-secret", "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_client", json.RootElement.GetProperty("error").GetString());
        var audit = (await AuditTestKit.ReadChainAsync(app.Database))[^1];
        Assert.Equal(AuditActions.SignInFailed, audit.Action);
        Assert.Equal(AuditOutcome.Failed, audit.Outcome);
        Assert.Equal("lab-gateway", audit.ResourceId);
        Assert.Equal("anonymous", audit.UserName);
        Assert.DoesNotContain("not-the-secret", audit.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAnUnknownClient_WhenAskingForAToken_Then401InvalidClient()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("nobody", "whatever", "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAScopeTheClientMayNotHave_WhenAskingForAToken_Then400InvalidScope(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var secret = await app.RegisterClientAsync("lab-gateway", "system/*.rs system/Observation.c");
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("lab-gateway", secret, "system/*.rs system/Patient.c");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_scope", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("'system/Patient.c' is not allowed for this client.", json.RootElement.GetProperty("error_description").GetString());
    }

    [Theory]
    [InlineData(null, "scope parameter is required")]
    [InlineData("openid", "not a SMART system scope")]
    [InlineData("patient/Observation.rs", "only system/ scopes")]
    [InlineData("system/Observation.rs?category=laboratory", "granular scopes")]
    public async Task GivenAMissingOrMalformedScope_WhenAskingForAToken_Then400InvalidScope(string? scope, string reason)
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var secret = await app.RegisterClientAsync("lab-gateway", "system/*.cruds");
        using var client = app.CreateClient();

        var response = await client.RequestTokenAsync("lab-gateway", secret, scope);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_scope", json.RootElement.GetProperty("error").GetString());
        Assert.Contains(reason, json.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAnotherGrantType_WhenAskingForAToken_ThenRefused()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin@demo.clinic",
            ["password"] = "x",
            ["client_id"] = "demo-client",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("unsupported_grant_type", json.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenATokenFromOneInstance_WhenAnotherInstanceOnTheSameDatabaseChecksIt_ThenAccepted(DatabaseProvider provider)
    {
        // The signing key lives in the database: a restarted (or second) instance accepts the tokens of the first.
        var database = await TestDatabase.CreateEmptyAsync(provider, Ct);
        await using var first = new ClinicAppFactory(database, demo: false);
        var secret = await first.RegisterClientAsync("lab-gateway", "system/Observation.rs");
        using var firstClient = first.WithSampleFhirEndpoints().CreateClient();
        var token = await firstClient.GetTokenAsync("lab-gateway", secret, "system/Observation.r");

        await using var second = new ClinicAppFactory(database, demo: false);
        using var secondClient = second.WithSampleFhirEndpoints().CreateClient();
        var response = await secondClient.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var context = database.CreateContext();
        Assert.Equal(2, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(context.Set<KetamineClinic.Web.Features.Fhir.Security.FhirTokenKey>(), Ct));
    }
}
