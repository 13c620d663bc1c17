using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Platform.Commands;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>
/// <c>fhir-client add|list|rotate|disable|enable|remove</c>: manage FHIR clients from the command line (the same
/// handler as the admin page; audited with the actor <c>cli:&lt;os user&gt;</c>).
/// </summary>
internal static class FhirClientCommands
{
    public const string Help = """
          fhir-client add --id <id> --scopes "<scopes>" [--name <display name>]
                                                register a FHIR client; prints its secret once
          fhir-client list                      list FHIR clients, their scopes and status
          fhir-client rotate --id <id>          new secret (printed once); the old one and its tokens stop working
          fhir-client disable --id <id>         refuse the client tokens (its tokens are revoked); enable undoes it
          fhir-client enable --id <id>
          fhir-client remove --id <id>          delete the client and its tokens
        """;

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (args is not [var verb, .. var options] || !ClinicCommands.TryParseOptions(options, out var values))
        {
            return await UsageAsync(output);
        }
        // Works on a brand-new database, like `admin create`.
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var registry = ActivatorUtilities.CreateInstance<FhirClientRegistry>(
            scope.ServiceProvider, FixedAuditActor.System($"cli:{Environment.UserName}"));
        values.TryGetValue("id", out var id);
        switch (verb)
        {
            case "add" when id is not null && values.TryGetValue("scopes", out var scopes):
                return await ReportAsync(await registry.RegisterAsync(id, values.GetValueOrDefault("name"), scopes, ct), output, $"FHIR client registered: {id}");
            case "list" when values.Count == 0:
                var clients = await registry.ListAsync(ct);
                if (clients.Count == 0)
                {
                    await output.WriteLineAsync("No FHIR clients.");
                }
                foreach (var client in clients)
                {
                    await output.WriteLineAsync($"{client.ClientId}\t{(client.Disabled ? "disabled" : "active")}\t{client.AllowedScopes}\t{client.DisplayName}");
                }
                return ClinicCommands.Ok;
            case "rotate" when id is not null:
                return await ReportAsync(await registry.RotateSecretAsync(id, ct), output, $"Secret rotated for {id}; its earlier tokens are revoked.");
            case "disable" when id is not null:
                return await ReportAsync(await registry.SetDisabledAsync(id, disabled: true, ct), output, $"FHIR client disabled: {id}; its tokens are revoked.");
            case "enable" when id is not null:
                return await ReportAsync(await registry.SetDisabledAsync(id, disabled: false, ct), output, $"FHIR client enabled: {id}");
            case "remove" when id is not null:
                return await ReportAsync(await registry.RemoveAsync(id, ct), output, $"FHIR client removed: {id}");
            default:
                return await UsageAsync(output);
        }
    }

    private static async Task<int> ReportAsync(FhirClientResult result, TextWriter output, string done)
    {
        switch (result)
        {
            case FhirClientResult.Done ok:
                await output.WriteLineAsync(done);
                if (ok.Secret is not null)
                {
                    await output.WriteLineAsync($"Client secret: {ok.Secret}");
                    await output.WriteLineAsync("Keep it now: it is stored only as a hash and cannot be shown again.");
                }
                return ClinicCommands.Ok;
            case FhirClientResult.Refused refused:
                foreach (var error in refused.Errors)
                {
                    await output.WriteLineAsync($"error: {error}");
                }
                return ClinicCommands.Failed;
            default:
                throw new InvalidOperationException($"Unexpected result {result}.");
        }
    }

    private static async Task<int> UsageAsync(TextWriter output)
    {
        await output.WriteLineAsync("Usage:");
        await output.WriteLineAsync(Help);
        return ClinicCommands.Usage;
    }
}
