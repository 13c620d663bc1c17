using System.Net;
using System.Text;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Tests.Platform.Audit;
using KetamineClinic.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>The /fhir door end to end: discovery, 401/403/200 by scope, read audit, OperationOutcome errors.</summary>
public sealed class FhirDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ClinicAppFactory Factory, WebApplicationFactory<Program> App, HttpClient Client)> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var factory = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var app = factory.WithSampleFhirEndpoints();
        return (factory, app, app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
    }

    [Fact]
    public async Task GivenNoToken_WhenReadingTheCapabilityStatement_ThenR4JsonWithTheTokenEndpointAndExactlyTheMappedInteractions()
    {
        var (factory, _, client) = await StartAsync();
        await using var _f = factory;

        var response = await client.GetAsync("/fhir/metadata", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal("CapabilityStatement", root.GetProperty("resourceType").GetString());
        Assert.Equal("4.0.1", root.GetProperty("fhirVersion").GetString());
        Assert.Equal("instance", root.GetProperty("kind").GetString());
        Assert.Contains("json", root.GetProperty("format").EnumerateArray().Select(f => f.GetString()));
        var rest = root.GetProperty("rest")[0];
        Assert.Equal("server", rest.GetProperty("mode").GetString());
        // No oauth-uris extension (R4's definition requires an authorize endpoint this server does not have); the
        // token endpoint is in the security description and in /.well-known/smart-configuration.
        Assert.False(rest.GetProperty("security").TryGetProperty("extension", out _));
        Assert.Contains("http://localhost/connect/token", rest.GetProperty("security").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("SMART-on-FHIR", rest.GetProperty("security").GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString());
        var resources = rest.GetProperty("resource").EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        Assert.Equal(["Observation", "Patient"], resources.Keys.Order(StringComparer.Ordinal));
        var observation = resources["Observation"];
        Assert.Equal(["read", "create", "search-type"], observation.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(["date:date", "patient:reference"], observation.GetProperty("searchParam").EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("type").GetString()}"));
    }

    [Fact]
    public async Task GivenTheShippedApp_WhenReadingTheCapabilityStatement_ThenItListsExactlyTheRegisteredResourceDefinitions()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();
        var definitions = app.Services.GetServices<KetamineClinic.Web.Features.Fhir.Search.IFhirResourceDefinition>().ToList();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/fhir/metadata", Ct));

        var resources = json.RootElement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        // MedicationAdministration is mapped by the dose feature's own endpoints (read + search by patient), not yet a
        // shared search definition; it is listed with exactly those two interactions.
        Assert.Equal(definitions.Select(d => d.ResourceType).Append("MedicationAdministration").Order(StringComparer.Ordinal), resources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["read", "search-type"], resources["MedicationAdministration"].GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        foreach (var definition in definitions)
        {
            var resource = resources[definition.ResourceType];
            // Every definition answers read and search; a feature may add create (QuestionnaireResponse, Observation).
            Assert.Equal(["read", "search-type"], resource.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()).Where(c => c != "create"));
            var expected = definition.SearchParameters.Select(p => p.Name).Concat(["_count", "_offset"]).Concat(definition.SortParameter is null ? [] : ["_sort"]);
            Assert.Equal(expected.Order(StringComparer.Ordinal), resource.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task GivenNoToken_WhenReadingTheSmartConfiguration_ThenTheTokenEndpointClientCredentialsAndTheScopesOfTheMappedResources()
    {
        var (factory, _, client) = await StartAsync();
        await using var _f = factory;

        var response = await client.GetAsync("/.well-known/smart-configuration", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal("http://localhost/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/", root.GetProperty("issuer").GetString());
        Assert.Equal(["client_credentials"], root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["client_secret_basic", "client_secret_post"], root.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["client-confidential-symmetric"], root.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["system/*.crs", "system/Observation.crs", "system/Patient.r"], root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.TryGetProperty("authorization_endpoint", out _));
        // OpenIddict's own discovery document and key set come with it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/.well-known/openid-configuration", Ct)).StatusCode);
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks", Ct));
        Assert.Equal("RSA", jwks.RootElement.GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    [Theory]
    [InlineData("/fhir/Observation/obs-1")]
    [InlineData("/fhir/Observation")]
    [InlineData("/fhir/Nothing/here")]
    [InlineData("/fhir")]
    public async Task GivenNoToken_WhenCallingAnyOtherFhirAddress_Then401OperationOutcomeWithBearerChallenge(string path)
    {
        var (factory, _, client) = await StartAsync();
        await using var _f = factory;

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("login", code);
        Assert.Contains("/connect/token", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAForgedToken_WhenReading_Then401InvalidToken()
    {
        var (factory, _, client) = await StartAsync();
        await using var _f = factory;

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
        Assert.Contains("refused", (await FhirTestKit.IssueAsync(response)).Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenATokenInTheQueryString_WhenReading_ThenIgnoredAnd401()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Observation.rs");
        var token = await client.GetTokenAsync("reader", secret, "system/Observation.rs");

        var response = await client.GetAsync($"/fhir/Observation/obs-1?access_token={token}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenATokenWithoutTheScope_WhenReading_Then403ForbiddenOperationOutcomeAndTheDenialIsAudited(DatabaseProvider provider)
    {
        var (factory, app, client) = await StartAsync(provider);
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("writer", "system/Observation.c system/Patient.rs");
        var token = await client.GetTokenAsync("writer", secret, "system/Observation.c system/Patient.rs");

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("scope=\"system/Observation.r\"", challenge.Parameter, StringComparison.Ordinal);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("forbidden", code);
        Assert.Contains("system/Observation.r", diagnostics, StringComparison.Ordinal);
        var audit = (await AuditTestKit.ReadChainAsync(factory.Database))[^1];
        Assert.Equal(AuditActions.Read, audit.Action);
        Assert.Equal("fhir:Observation", audit.ResourceType);
        Assert.Equal("obs-1", audit.ResourceId);
        Assert.Equal(AuditOutcome.Denied, audit.Outcome);
        Assert.Equal("client:writer", audit.UserName);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenATokenWithTheScope_WhenReading_Then200FhirJsonAndTheReadIsAuditedWithItsPatient(DatabaseProvider provider)
    {
        var (factory, app, client) = await StartAsync(provider);
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/*.rs");
        var token = await client.GetTokenAsync("reader", secret, "system/*.rs");

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", token, accept: "application/fhir+json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("W/\"3\"", response.Headers.ETag!.ToString());
        Assert.Contains("\"id\":\"obs-1\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var audit = (await AuditTestKit.ReadChainAsync(factory.Database))[^1];
        Assert.Equal(AuditActions.Read, audit.Action);
        Assert.Equal("fhir:Observation", audit.ResourceType);
        Assert.Equal("obs-1", audit.ResourceId);
        Assert.Equal(FhirTestKit.PatientA, audit.PatientId);
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
        Assert.Equal("client:reader", audit.UserName);
        Assert.Equal("read", audit.Detail);
    }

    [Fact]
    public async Task GivenASearchOverTwoPatients_WhenItCompletes_ThenOneAuditEventPerPatientNamingTheCriteriaNotTheirValues()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Observation.s");
        var token = await client.GetTokenAsync("reader", secret, "system/Observation.s");
        var before = (await AuditTestKit.ReadChainAsync(factory.Database)).Count;

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation?patient=MRN-0042&date=ge2026-01-01", token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await AuditTestKit.ReadChainAsync(factory.Database)).Skip(before).ToList();
        Assert.Equal([FhirTestKit.PatientA, FhirTestKit.PatientB], events.Select(e => e.PatientId!.Value).Order());
        Assert.All(events, e =>
        {
            Assert.Equal(AuditActions.Search, e.Action);
            Assert.Equal("fhir:Observation", e.ResourceType);
            Assert.Null(e.ResourceId);
            Assert.Equal("criteria: date,patient; matches: 3", e.Detail);
            Assert.DoesNotContain("MRN-0042", e.Detail!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GivenAReadOfAMissingResource_WhenItCompletes_Then404OperationOutcomeAuditedAsFailed()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Observation.r");
        var token = await client.GetTokenAsync("reader", secret, "system/Observation.r");

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/missing", token), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await FhirTestKit.IssueAsync(response)).Code);
        var audit = (await AuditTestKit.ReadChainAsync(factory.Database))[^1];
        Assert.Equal(AuditOutcome.Failed, audit.Outcome);
        Assert.Equal("missing", audit.ResourceId);
    }

    [Fact]
    public async Task GivenAReadEndpointThatDoesNotSayWhosePatientDataItReturned_WhenCalled_Then500AndNothingDisclosed()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Patient.r");
        var token = await client.GetTokenAsync("reader", secret, "system/Patient.r");

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Patient/p-1", token), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("exception", code);
        Assert.DoesNotContain("p-1", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAnEndpointThatThrows_WhenCalled_Then500OperationOutcomeWithoutTheExceptionText()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Observation.r");
        var token = await client.GetTokenAsync("reader", secret, "system/Observation.r");

        var response = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/boom", token), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("exception", code);
        Assert.DoesNotContain("secret internal detail", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAValidToken_WhenCallingUnknownAddressesWrongMethodsAndFormats_ThenOperationOutcomesWithTheRightStatus()
    {
        var (factory, app, client) = await StartAsync();
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("full", "system/*.cruds");
        var token = await client.GetTokenAsync("full", secret, "system/*.cruds");

        var unknown = await client.SendAsync(FhirTestKit.Get("/fhir/Nothing/here", token), Ct);
        using var delete = FhirTestKit.Get("/fhir/Observation/obs-1", token);
        delete.Method = HttpMethod.Delete;
        var wrongMethod = await client.SendAsync(delete, Ct);
        var xml = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", token, accept: "application/fhir+xml"), Ct);
        var xmlFormat = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1?_format=xml", token), Ct);
        var otherVersion = await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", token, accept: "application/fhir+json; fhirVersion=5.0"), Ct);
        using var post = FhirTestKit.Get("/fhir/Observation", token);
        post.Method = HttpMethod.Post;
        post.Content = new StringContent("<Observation/>", Encoding.UTF8, "application/fhir+xml");
        var wrongBody = await client.SendAsync(post, Ct);
        using var goodPost = FhirTestKit.Get("/fhir/Observation", token);
        goodPost.Method = HttpMethod.Post;
        goodPost.Content = new StringContent("""{"resourceType":"Observation"}""", Encoding.UTF8, "application/fhir+json");
        var created = await client.SendAsync(goodPost, Ct);

        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknown.StatusCode, (await FhirTestKit.IssueAsync(unknown)).Code));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "not-supported"), (wrongMethod.StatusCode, (await FhirTestKit.IssueAsync(wrongMethod)).Code));
        Assert.Equal(["GET"], wrongMethod.Content.Headers.Allow);
        Assert.Equal((HttpStatusCode.NotAcceptable, "not-supported"), (xml.StatusCode, (await FhirTestKit.IssueAsync(xml)).Code));
        Assert.Equal(HttpStatusCode.NotAcceptable, xmlFormat.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, otherVersion.StatusCode);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "not-supported"), (wrongBody.StatusCode, (await FhirTestKit.IssueAsync(wrongBody)).Code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/fhir/Observation/new", created.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task GivenASignedInStaffMember_WhenCallingFhirWithTheirSession_ThenUnauthorized()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithSampleFhirEndpoints().WithTestAuth();
        using var admin = app.CreateClientAs(Guid.NewGuid(), "admin@demo.clinic", ClinicRoles.Admin);

        var response = await admin.GetAsync("/fhir/Observation/obs-1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("login", (await FhirTestKit.IssueAsync(response)).Code);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAClientDisabledOrRotated_WhenItsEarlierTokensAreUsed_ThenRefusedAtOnce(DatabaseProvider provider)
    {
        var (factory, app, client) = await StartAsync(provider);
        await using var _f = factory;
        var secret = await app.RegisterClientAsync("reader", "system/Observation.r");
        var beforeRotation = await client.GetTokenAsync("reader", secret, "system/Observation.r");

        var rotated = Assert.IsType<KetamineClinic.Web.Features.Fhir.Security.FhirClientResult.Done>(
            await app.ChangeClientAsync(r => r.RotateSecretAsync("reader", Ct)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", beforeRotation), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync("reader", secret, "system/Observation.r")).StatusCode);
        var afterRotation = await client.GetTokenAsync("reader", rotated.Secret!, "system/Observation.r");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", afterRotation), Ct)).StatusCode);

        await app.ChangeClientAsync(r => r.SetDisabledAsync("reader", disabled: true, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(FhirTestKit.Get("/fhir/Observation/obs-1", afterRotation), Ct)).StatusCode);
        var refused = await client.RequestTokenAsync("reader", rotated.Secret!, "system/Observation.r");
        Assert.Contains("disabled", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(refused.IsSuccessStatusCode);

        await app.ChangeClientAsync(r => r.SetDisabledAsync("reader", disabled: false, Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync("reader", rotated.Secret!, "system/Observation.r")).StatusCode);
    }
}
