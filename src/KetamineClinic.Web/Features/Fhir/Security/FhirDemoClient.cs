using KetamineClinic.Web.Features.Demo;
using KetamineClinic.Web.Platform;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>
/// Demo mode (contracts.md): registers <c>demo-client</c> with the secret <c>Demo:ClientSecret</c> (printed at start).
/// Its scopes read and search everything and create Observations and QuestionnaireResponses (a device gateway and
/// a questionnaire app, the two integrations the demo shows). Not update or delete: the secret is printed on every
/// start and documented, so it must not be able to change or erase records.
/// </summary>
internal sealed class FhirDemoClient(IOpenIddictApplicationManager applications, IOptions<DemoOptions> options) : IDemoSeedContributor
{
    public const string ClientId = "demo-client";
    public const string Scopes = "system/*.rs system/Observation.c system/QuestionnaireResponse.c";

    public int Order => 900;

    public string Name => "fhir-demo-client";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        // The application manager works on this scope's ClinicDbContext, the seed's own context and transaction.
        if (await applications.FindByClientIdAsync(ClientId, ct) is not null)
        {
            return;
        }
        if (!SmartScopeSet.TryParse(Scopes, out var allowed, out var errors))
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }
        await FhirClientRegistry.CreateAsync(applications, ClientId, "Demo FHIR client", options.Value.ClientSecret, allowed, context.SeededAt, ct);
    }
}
