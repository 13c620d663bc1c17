using System.Net;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Platform.Commands;
using KetamineClinic.Web.Tests.Platform.Audit;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>`-- fhir-client ...`, run in-process through the same entry point Program uses.</summary>
public sealed class FhirClientCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Exit, string[] Lines)> RunAsync(ClinicAppFactory app, params string[] args)
    {
        var output = new StringWriter();
        var exit = await ClinicCommands.RunAsync(args, app.Services, output, Ct);
        return (exit, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(new[] { "fhir-client", "list" }, true)]
    [InlineData(new[] { "fhir-client", "add", "--id", "x" }, true)]
    [InlineData(new[] { "fhir", "list" }, false)]
    public void GivenArguments_WhenAskedIfACommand_ThenFhirClientIsOne(string[] args, bool expected)
    {
        Assert.Equal(expected, ClinicCommands.IsCommand(args));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAddListRemove_WhenRun_ThenTheSecretWorksOnceAddedAndNotOnceRemovedAndEachChangeIsAudited(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);

        var (addExit, added) = await RunAsync(app, "fhir-client", "add", "--id", "lab-gateway", "--scopes", "system/*.rs system/Observation.c", "--name", "Lab gateway");
        var (listExit, listed) = await RunAsync(app, "fhir-client", "list");

        Assert.Equal(0, addExit);
        Assert.Equal("FHIR client registered: lab-gateway", added[0]);
        var secret = added.Single(l => l.StartsWith("Client secret: ", StringComparison.Ordinal))["Client secret: ".Length..];
        Assert.Equal(43, secret.Length);
        Assert.Equal(0, listExit);
        Assert.Equal(["lab-gateway\tactive\tsystem/*.rs system/Observation.c\tLab gateway"], listed);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync("lab-gateway", secret, "system/Observation.c")).StatusCode);

        var (removeExit, removed) = await RunAsync(app, "fhir-client", "remove", "--id", "lab-gateway");

        Assert.Equal(0, removeExit);
        Assert.Equal(["FHIR client removed: lab-gateway"], removed);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync("lab-gateway", secret, "system/Observation.c")).StatusCode);
        Assert.Equal(["No FHIR clients."], (await RunAsync(app, "fhir-client", "list")).Lines);
        var changes = (await AuditTestKit.ReadChainAsync(app.Database)).Where(e => e.ResourceType == "FhirClient" && e.UserName.StartsWith("cli:", StringComparison.Ordinal)).ToList();
        Assert.Equal([AuditActions.Create, AuditActions.Delete], changes.Select(e => e.Action));
        Assert.All(changes, e => Assert.DoesNotContain(secret, e.Detail!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenRotateDisableEnable_WhenRun_ThenTheOldSecretStopsAndTheStatusShows()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var (_, added) = await RunAsync(app, "fhir-client", "add", "--id", "lab-gateway", "--scopes", "system/Observation.rs");
        var oldSecret = added.Single(l => l.StartsWith("Client secret: ", StringComparison.Ordinal))["Client secret: ".Length..];

        var (rotateExit, rotated) = await RunAsync(app, "fhir-client", "rotate", "--id", "lab-gateway");
        var (disableExit, _) = await RunAsync(app, "fhir-client", "disable", "--id", "lab-gateway");
        var listedDisabled = (await RunAsync(app, "fhir-client", "list")).Lines.Single();
        var (enableExit, _) = await RunAsync(app, "fhir-client", "enable", "--id", "lab-gateway");

        Assert.Equal((0, 0, 0), (rotateExit, disableExit, enableExit));
        var newSecret = rotated.Single(l => l.StartsWith("Client secret: ", StringComparison.Ordinal))["Client secret: ".Length..];
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("lab-gateway\tdisabled\t", listedDisabled, StringComparison.Ordinal);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync("lab-gateway", oldSecret, "system/Observation.r")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync("lab-gateway", newSecret, "system/Observation.r")).StatusCode);
    }

    [Theory]
    [InlineData(new[] { "add", "--id", "lab-gateway", "--scopes", "system/Observaton.rs patient/*.rs" }, 1, "error: 'system/Observaton.rs'")]
    [InlineData(new[] { "add", "--id", "x", "--scopes", "system/*.rs" }, 1, "error: The client id must be 3 to 64")]
    [InlineData(new[] { "add", "--id", "lab-gateway", "--scopes", "" }, 1, "error: Give at least one scope")]
    [InlineData(new[] { "rotate", "--id", "nobody" }, 1, "error: There is no FHIR client 'nobody'.")]
    [InlineData(new[] { "add", "--id", "lab-gateway" }, 2, "Usage:")]
    [InlineData(new[] { "list", "--all" }, 2, "Usage:")]
    [InlineData(new[] { "purge" }, 2, "Usage:")]
    public async Task GivenBadArguments_WhenRun_ThenRefusedWithAMessageAndNoClient(string[] args, int expectedExit, string firstLine)
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);

        var (exit, lines) = await RunAsync(app, ["fhir-client", .. args]);

        Assert.Equal(expectedExit, exit);
        Assert.StartsWith(firstLine, lines[0], StringComparison.Ordinal);
        Assert.Equal(["No FHIR clients."], (await RunAsync(app, "fhir-client", "list")).Lines);
    }

    [Fact]
    public async Task GivenAnExistingClientId_WhenAddedAgain_ThenRefusedAndTheFirstSecretStillWorks()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var (_, added) = await RunAsync(app, "fhir-client", "add", "--id", "lab-gateway", "--scopes", "system/Observation.rs");
        var secret = added.Single(l => l.StartsWith("Client secret: ", StringComparison.Ordinal))["Client secret: ".Length..];

        var (exit, lines) = await RunAsync(app, "fhir-client", "add", "--id", "lab-gateway", "--scopes", "system/*.cruds");

        Assert.Equal(1, exit);
        Assert.Equal(["error: A FHIR client 'lab-gateway' already exists."], lines);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RequestTokenAsync("lab-gateway", secret, "system/*.cruds")).StatusCode);
    }
}
