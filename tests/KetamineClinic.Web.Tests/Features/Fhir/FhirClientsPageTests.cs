using Bunit;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Tests.Platform.Audit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OpenIddict.Abstractions;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>/admin/fhir-clients on a real database: register (secret once), refuse bad scopes, rotate with confirmation.</summary>
public sealed class FhirClientsPageTests : BunitContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private async Task<TestDatabase> ArrangeAsync()
    {
        var db = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite, Ct);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddMetrics();
        Services.AddMemoryCache();
        Services.AddSingleton<ClinicMetrics>();
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(AuditTestKit.Start));
        Services.AddSingleton(db.Factory());
        Services.AddScoped(_ => db.CreateContext());
        Services.AddSingleton<IAuditActor>(new FixedAuditActor(new AuditActorInfo(Guid.NewGuid(), "admin@demo.clinic", ClinicRoles.Admin, "127.0.0.1")));
        Services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ClinicDbContext>());
        Services.AddScoped<FhirClientRegistry>();
        return db;
    }

    private static void Fill(IRenderedComponent<FhirClientsPage> page, string test, string value)
    {
        var element = page.Find($"[data-test={test}]");
        (element.TagName == "INPUT" ? element : element.QuerySelector("input")!).Change(value);
    }

    private async Task<bool> SecretIsValidAsync(string clientId, string secret)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, Ct);
        return application is not null && await applications.ValidateClientSecretAsync(application, secret, Ct);
    }

    [Fact]
    public async Task GivenAValidForm_WhenRegistering_ThenTheSecretShowsOnceTheClientIsListedAndTheChangeAudited()
    {
        await using var db = await ArrangeAsync();
        var page = Render<FhirClientsPage>();
        page.WaitForAssertion(() => Assert.Contains("No FHIR clients are registered.", page.Markup, StringComparison.Ordinal), Wait);

        Fill(page, "fhir-client-id", "lab-gateway");
        Fill(page, "fhir-client-name", "Lab gateway");
        Fill(page, "fhir-client-scopes", "system/*.rs system/Observation.read");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-test=fhir-client-secret-value]")), Wait);
        var secret = page.Find("[data-test=fhir-client-secret-value]").TextContent;
        Assert.True(await SecretIsValidAsync("lab-gateway", secret));
        var row = page.Find("[data-test=fhir-client-table] tbody tr");
        Assert.Contains("lab-gateway", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("system/Observation.rs", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("active", row.TextContent, StringComparison.Ordinal);
        var audit = (await AuditTestKit.ReadChainAsync(db))[^1];
        Assert.Equal((AuditActions.Create, "FhirClient", "lab-gateway", "admin@demo.clinic"), (audit.Action, audit.ResourceType, audit.ResourceId, audit.UserName));

        // Shown once: the next render of the page (a new visit) has no secret.
        var again = Render<FhirClientsPage>();
        again.WaitForAssertion(() => Assert.Contains("lab-gateway", again.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenBadScopes_WhenRegistering_ThenEveryProblemShowsAndNothingIsRegistered()
    {
        await using var db = await ArrangeAsync();
        var page = Render<FhirClientsPage>();

        Fill(page, "fhir-client-id", "lab-gateway");
        Fill(page, "fhir-client-scopes", "system/Observaton.rs patient/*.rs");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-test=fhir-client-errors]")), Wait);
        var errors = page.Find("[data-test=fhir-client-errors]").TextContent;
        Assert.Contains("'Observaton' is not a FHIR R4 resource type", errors, StringComparison.Ordinal);
        Assert.Contains("only system/ scopes", errors, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-test=fhir-client-secret]"));
        Assert.Contains("No FHIR clients are registered.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenARegisteredClient_WhenRotatingAfterConfirming_ThenANewSecretReplacesTheOld()
    {
        await using var db = await ArrangeAsync();
        var page = Render<FhirClientsPage>();
        Fill(page, "fhir-client-id", "lab-gateway");
        Fill(page, "fhir-client-scopes", "system/Observation.rs");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-test=fhir-client-secret-value]")), Wait);
        var first = page.Find("[data-test=fhir-client-secret-value]").TextContent;

        await page.Find("[data-test=fhir-client-rotate]").ClickAsync(new MouseEventArgs());
        Assert.Contains("stop working at once", page.Find("[data-test=fhir-client-confirm]").TextContent, StringComparison.Ordinal);
        await page.Find("[data-test=fhir-client-confirm-yes]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.NotEqual(first, page.Find("[data-test=fhir-client-secret-value]").TextContent), Wait);
        var second = page.Find("[data-test=fhir-client-secret-value]").TextContent;
        Assert.False(await SecretIsValidAsync("lab-gateway", first));
        Assert.True(await SecretIsValidAsync("lab-gateway", second));

        await page.Find("[data-test=fhir-client-disable]").ClickAsync(new MouseEventArgs());
        await page.Find("[data-test=fhir-client-confirm-yes]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("disabled", page.Find("[data-test=fhir-client-table] tbody tr").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotEmpty(page.FindAll("[data-test=fhir-client-enable]"));
    }
}
