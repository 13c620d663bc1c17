using System.Net;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;

namespace KetamineClinic.Web.Tests.Features.Fhir;

public sealed class FhirDemoClientTests
{
    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenDemoMode_WhenTheClinicIsSeeded_ThenDemoClientGetsTokensWithTheDemoSecretAndItsScopesOnly(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: true);
        using var client = app.CreateClient();
        var secret = new DemoOptions().ClientSecret;

        var granted = await client.RequestTokenAsync("demo-client", secret, "system/*.rs system/Observation.c system/QuestionnaireResponse.c");
        var tooMuch = await client.RequestTokenAsync("demo-client", secret, "system/Patient.d");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var clients = await app.ListClientsAsync();
        var demo = Assert.Single(clients);
        Assert.Equal("demo-client", demo.ClientId);
        Assert.Equal("system/*.rs system/Observation.c system/QuestionnaireResponse.c", demo.AllowedScopes.ToString());
        Assert.False(demo.Disabled);
    }

    [Fact]
    public async Task GivenAnotherDemoSecret_WhenTheClinicIsSeeded_ThenThatSecretIsTheOneThatWorks()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: true);
        factory.With("Demo:ClientSecret", "another-demo-secret-for-tests");
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync("demo-client", "another-demo-secret-for-tests", "system/*.rs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync("demo-client", new DemoOptions().ClientSecret, "system/*.rs")).StatusCode);
    }
}
