using System.Net;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Accounts;
using KetamineClinic.Web.Platform.Audit;
using KetamineClinic.Web.Platform.Commands;
using KetamineClinic.Web.Tests.Platform.Audit;
using KetamineClinic.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Platform.Commands;

/// <summary>The operator commands, run in-process through the same entry point Program uses.</summary>
public sealed class ClinicCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(new[] { "audit", "verify" }, true)]
    [InlineData(new[] { "admin", "create", "--email", "a@b.example.org" }, true)]
    [InlineData(new[] { "help" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5182" }, false)]
    [InlineData(new string[0], false)]
    public void GivenCommandLineArguments_WhenAskedIfACommand_ThenOnlyKnownCommandsAre(string[] args, bool expected)
    {
        Assert.Equal(expected, ClinicCommands.IsCommand(args));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnIntactChain_WhenAuditVerifyRuns_ThenItReportsTheCountAndExitsZero(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        _ = app.Services; // starts the host: migrates
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(app.Database), 7);
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(["audit", "verify"], app.Services, output, Ct);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("audit chain intact: 7 events", lines[0]);
        Assert.StartsWith("head: 7 ", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenATamperedRow_WhenAuditVerifyRuns_ThenItNamesTheFirstBrokenLinkAndExitsOne(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        _ = app.Services;
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(app.Database), 5);
        await using (var context = app.Database.CreateContext())
        {
            var disable = provider == DatabaseProvider.Sqlite
                ? AppendOnlyTriggers.DropSql("AuditEvents", provider)
                : ["ALTER TABLE \"AuditEvents\" DISABLE TRIGGER USER"];
            foreach (var sql in disable)
            {
                await context.Database.ExecuteSqlRawAsync(sql, Ct);
            }
            await context.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Outcome\" = 'Denied' WHERE \"Sequence\" = 2", Ct);
        }
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(["audit", "verify"], app.Services, output, Ct);

        Assert.Equal(1, exit);
        Assert.StartsWith("audit chain broken at event 2: content does not match its hash (the row was altered)", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenARealClinic_WhenAdminCreateRuns_ThenAnAdministratorWithAOneTimePasswordExists(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(
            ["admin", "create", "--email", "owner@clinic.example.org", "--name=Olive Owner"], app.Services, output, Ct);

        Assert.Equal(0, exit);
        var password = output.ToString().Split(Environment.NewLine)
            .Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..];
        Assert.Equal(20, password.Length);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var admin = await users.FindByEmailAsync("owner@clinic.example.org");
        Assert.NotNull(admin);
        Assert.Equal("Olive Owner", admin.DisplayName);
        Assert.True(admin.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.Equal([ClinicRoles.Admin], await users.GetRolesAsync(admin));
        var audit = Assert.Single(await AuditTestKit.ReadChainAsync(app.Database));
        Assert.Equal(AuditActions.AccountChange, audit.Action);
        Assert.Equal(admin.Id.ToString(), audit.ResourceId);
        Assert.StartsWith("cli:", audit.UserName, StringComparison.Ordinal);
        Assert.DoesNotContain(password, audit.Detail!, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnExistingEmail_WhenAdminCreateRuns_ThenRefusedWithExitOneAndNothingAdded(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        await ClinicCommands.RunAsync(["admin", "create", "--email", "owner@clinic.example.org", "--name", "Olive Owner"], app.Services, new StringWriter(), Ct);
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(["admin", "create", "--email", "OWNER@clinic.example.org", "--name", "Other"], app.Services, output, Ct);

        Assert.Equal(1, exit);
        Assert.Contains("already exists", output.ToString(), StringComparison.Ordinal);
        await using var context = app.Database.CreateContext();
        Assert.Equal(1, await context.Users.CountAsync(Ct));
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--name", "X", 1)]
    [InlineData("--email", "a@clinic.example.org", "--name", " ", 1)]
    [InlineData("--email", "a@clinic.example.org", "--nom", "X", 2)]
    [InlineData("email", "a@clinic.example.org", "--name", "X", 2)]
    public async Task GivenBadOptions_WhenAdminCreateRuns_ThenRefusedWithoutAnAccount(string o1, string v1, string o2, string v2, int expectedExit)
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(["admin", "create", o1, v1, o2, v2], app.Services, output, Ct);

        Assert.Equal(expectedExit, exit);
        await using var context = app.Database.CreateContext();
        Assert.Equal(0, await context.Users.CountAsync(Ct));
    }

    [Fact]
    public async Task GivenAnUnknownCommand_WhenRun_ThenUsageWithExitTwo()
    {
        var output = new StringWriter();

        var exit = await ClinicCommands.RunAsync(["audit", "rewrite"], new Microsoft.Extensions.DependencyInjection.ServiceCollection().BuildServiceProvider(), output, Ct);

        Assert.Equal(2, exit);
        Assert.Contains("audit verify", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenANonDemoDatabase_WhenTheAppStarts_ThenEveryRoleExists(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        _ = app.Services;

        await using var context = app.Database.CreateContext();
        var roles = await context.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Ct);
        Assert.Equal(ClinicRoles.All.Order(StringComparer.Ordinal), roles);
        // Idempotent: a second run adds nothing.
        await app.Services.EnsureRolesAsync(Ct);
        Assert.Equal(6, await context.Roles.CountAsync(Ct));
    }

    [Fact]
    public async Task GivenAOneTimePasswordAccount_WhenOpeningAStaffPageOrApi_ThenSentToChangePasswordFirst()
    {
        await using var factory = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var app = factory.WithTestAuth();
        using var client = app.CreateClientAs(Guid.NewGuid(), "owner@clinic.example.org", ClinicRoles.Admin, $"{ClinicClaimTypes.MustChangePassword}=true");

        var page = await client.GetAsync("/admin/audit?x=1", Ct);
        var api = await client.GetAsync("/api/v1/audit-events", Ct);
        var health = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/change-password?returnUrl=%2Fadmin%2Faudit%3Fx%3D1", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Password change required", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void GivenManyGeneratedPasswords_WhenChecked_ThenEachMeetsThePolicyAndTheyDiffer()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => AdministratorBootstrap.GeneratePassword()).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(20, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.DoesNotContain(p, c => "0O1lI".Contains(c, StringComparison.Ordinal));
        });
        Assert.Equal(200, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
