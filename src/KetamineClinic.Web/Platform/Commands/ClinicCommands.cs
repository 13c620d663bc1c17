using System.Globalization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Platform.Accounts;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Web.Platform.Commands;

/// <summary>
/// Operator commands run instead of the web server: `dotnet run --project src/KetamineClinic.Web -- audit verify`.
/// Exit codes: 0 done, 1 the check failed or the command was refused, 2 usage error.
/// </summary>
public static class ClinicCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        Ketamine Clinic commands (the web server does not start):
          audit verify                          check every link of the audit chain
          admin create --email <e> --name <n>   create an administrator with a one-time password
        """ + "\n" + FhirClientCommands.Help;

    /// <summary>
    /// When <paramref name="args"/> name a command, builds the app (without starting it), runs the command, sets
    /// the process exit code and returns true. Otherwise returns false and Program starts the web server.
    /// </summary>
    public static async Task<bool> TryRunAsync(string[] args, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsCommand(args))
        {
            return false;
        }
        await using var app = builder.Build();
        // Commands talk to the person at the terminal, not to the structured log.
        Environment.ExitCode = await RunAsync(args, app.Services, Console.Out, CancellationToken.None);
        return true;
    }

    public static bool IsCommand(string[] args) =>
        args is ["audit" or "admin" or "fhir-client" or "help", ..];

    /// <summary>Runs one command against the app's services; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            return args switch
            {
                ["audit", "verify"] => await VerifyAuditAsync(services, output, ct),
                ["admin", "create", .. var options] => await CreateAdministratorAsync(services, options, output, ct),
                ["fhir-client", .. var rest] => await FhirClientCommands.RunAsync(rest, services, output, ct),
                _ => await UsageAsync(output),
            };
        }
        catch (System.Data.Common.DbException e)
        {
            await output.WriteLineAsync($"error: the database refused: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var report = await services.GetRequiredService<AuditChainVerifier>().VerifyAsync(ct);
        await output.WriteLineAsync(report.Describe());
        if (report.IsIntact)
        {
            // Keep this head somewhere else: a later run that shows fewer events or another head means the
            // tail of the chain was cut off, which the chain alone cannot prove.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"head: {report.IntactEvents} {report.HeadHash}"));
        }
        else
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"events before the break are intact: {report.IntactEvents}"));
        }
        return report.IsIntact ? Ok : Failed;
    }

    private static async Task<int> CreateAdministratorAsync(IServiceProvider services, string[] options, TextWriter output, CancellationToken ct)
    {
        if (!TryParseOptions(options, out var values) || !values.TryGetValue("email", out var email) || !values.TryGetValue("name", out var name))
        {
            return await UsageAsync(output);
        }
        // Works on a brand-new database: bring the schema and the roles up first.
        await services.MigrateDatabaseAsync(ct);
        await services.EnsureRolesAsync(ct);

        await using var scope = services.CreateAsyncScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AdministratorBootstrap>();
        var result = await bootstrap.CreateAsync(email, name, $"cli:{Environment.UserName}", ct);
        switch (result)
        {
            case AdministratorCreation.Created created:
                await output.WriteLineAsync($"Administrator created: {created.Email}");
                await output.WriteLineAsync($"One-time password: {created.OneTimePassword}");
                await output.WriteLineAsync($"Sign in at /account/login; a new password must be chosen at {PasswordChangeRequiredMiddleware.ChangePasswordPath} before anything else opens.");
                return Ok;
            case AdministratorCreation.Refused refused:
                await output.WriteLineAsync($"error: {refused.Reason}");
                return Failed;
            default:
                throw new InvalidOperationException($"Unexpected result {result}.");
        }
    }

    /// <summary>Parses <c>--name value</c> and <c>--name=value</c> pairs; false on anything else.</summary>
    internal static bool TryParseOptions(string[] options, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i++)
        {
            var option = options[i];
            if (!option.StartsWith("--", StringComparison.Ordinal))
            {
                return false;
            }
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[option[2..equals]] = option[(equals + 1)..];
            }
            else if (i + 1 < options.Length)
            {
                values[option[2..]] = options[++i];
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static async Task<int> UsageAsync(TextWriter output)
    {
        await output.WriteLineAsync(Help);
        return Usage;
    }
}
