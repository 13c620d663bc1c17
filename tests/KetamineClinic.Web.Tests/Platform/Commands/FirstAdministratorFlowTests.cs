using System.Net;
using System.Text.RegularExpressions;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Commands;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Platform.Commands;

/// <summary>
/// The first administrator of a real clinic: created by the command with a one-time password, sent to change it
/// at first sign-in, and let in once it is changed (the change page and the command share one flag).
/// </summary>
public sealed partial class FirstAdministratorFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAdminCreatedByCommand_WhenChangingTheOneTimePassword_ThenTheAuditLogOpens(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var output = new StringWriter();
        Assert.Equal(0, await ClinicCommands.RunAsync(["admin", "create", "--email", "owner@clinic.example.org", "--name", "Olive Owner"], app.Services, output, Ct));
        var oneTime = output.ToString().Split(Environment.NewLine)
            .Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..];
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        Assert.NotNull(await HttpSignIn.SignInAsync(client, "owner@clinic.example.org", oneTime, Ct));
        var before = await client.GetAsync("/admin/audit", Ct);
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/account/change-password", HttpSignIn.PathOf(before.Headers.Location), StringComparison.Ordinal);

        var form = await client.GetStringAsync("/account/change-password", Ct);
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.CurrentPassword"] = oneTime,
            ["Input.NewPassword"] = "Chosen-Password-2026",
            ["Input.ConfirmPassword"] = "Chosen-Password-2026",
        });
        var changed = await client.PostAsync("/account/change-password", post, Ct);
        Assert.True(changed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"change-password answered {changed.StatusCode}");

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var admin = await users.FindByEmailAsync("owner@clinic.example.org");
        Assert.False(admin!.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(admin, "Chosen-Password-2026"));
        var after = await client.GetAsync("/admin/audit", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
