using System.Net;
using System.Text.RegularExpressions;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Accounts;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Accounts;

public sealed class StaffAccountsTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> WithAccountsAsync<T>(SeededApp app, Func<StaffAccounts, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }

    private static string Email() => $"staff-{Guid.NewGuid():N}@test.clinic";

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenInvitation_WhenTheLinkIsUsed_ThenThePersonSignsInAndTheLinkWorksOnlyOnce(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var email = Email();
        var before = await AuditQueries.LastSequenceAsync(app.Services);
        var form = new InviteStaffForm
        {
            DisplayName = "Ines Invited",
            Email = email,
            Credentials = "RN",
            Roles = [ClinicRoles.Nurse, ClinicRoles.FrontDesk],
            SiteIds = [app.Clinic.Hillcrest.Id],
        };

        var result = await WithAccountsAsync(app, a => a.InviteAsync(form, Ct));

        var done = Assert.IsType<StaffChange.Done>(result);
        Assert.NotNull(done.SetPasswordToken);
        var listed = Assert.Single(await WithAccountsAsync(app, a => a.ListAsync(Ct)), m => m.Email == email);
        Assert.Equal([ClinicRoles.FrontDesk, ClinicRoles.Nurse], listed.Roles);
        Assert.False(listed.HasPassword);
        Assert.False(listed.IsDisabled);
        Assert.Equal(["Hillcrest"], listed.Sites.Select(s => s.Name).ToArray());
        var invited = Assert.Single(await AuditQueries.SinceAsync(app.Services, before));
        Assert.Equal((AuditActions.AccountChange, StaffAccounts.ResourceType, done.UserId.ToString("D")), (invited.Action, invited.ResourceType, invited.ResourceId));
        Assert.Equal("invited; roles=Nurse,FrontDesk; sites=1", invited.Detail);

        // Not signed in: the set-password page is public, reached by the one-time link.
        using var client = app.Client();
        var link = new Uri(AccountsRegistration.SetPasswordLink(new Uri("http://localhost/"), done.UserId, done.SetPasswordToken!));
        const string NewPassword = "Brand-New-Pass-42";
        var firstUse = await PostSetPasswordAsync(client, link.PathAndQuery, NewPassword);
        var secondUse = await PostSetPasswordAsync(client, link.PathAndQuery, "Another-Pass-4242");

        Assert.Contains("Your password is set", firstUse, StringComparison.Ordinal);
        Assert.Contains("This link is not valid any more", secondUse, StringComparison.Ordinal);
        Assert.Equal("/", await HttpSignIn.SignInAsync(client, email, NewPassword, Ct));
    }

    [Fact]
    public async Task GivenSetPasswordForm_WhenPasswordBreaksThePolicy_ThenRulesAreShownAndExplained()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var done = Assert.IsType<StaffChange.Done>(await WithAccountsAsync(app, a => a.InviteAsync(
            new InviteStaffForm { DisplayName = "Sam Short", Email = Email(), Roles = [ClinicRoles.FrontDesk] }, Ct)));
        using var client = app.Client();
        var link = new Uri(AccountsRegistration.SetPasswordLink(new Uri("http://localhost/"), done.UserId, done.SetPasswordToken!));

        var page = await client.GetStringAsync(link.PathAndQuery, Ct);
        var refused = await PostSetPasswordAsync(client, link.PathAndQuery, "short");

        Assert.Contains("At least 12 characters", page, StringComparison.Ordinal);
        Assert.Contains("Passwords must be at least 12 characters", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAdministrator_WhenDisablingThemselves_ThenRefused()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var admin = app.Clinic.UserId(ClinicRoles.Admin);

        var result = await WithAccountsAsync(app, a => a.SetDisabledAsync(admin, true, admin, Ct));

        Assert.Equal("You cannot disable your own account.", Assert.IsType<StaffChange.Refused>(result).Reason);
    }

    [Fact]
    public async Task GivenOnlyOneActiveAdministrator_WhenDisablingOrDemotingThem_ThenRefused()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var admin = app.Clinic.UserId(ClinicRoles.Admin);
        var someoneElse = Guid.NewGuid();

        var disable = await WithAccountsAsync(app, a => a.SetDisabledAsync(admin, true, someoneElse, Ct));
        var demote = await WithAccountsAsync(app, a => a.UpdateAccessAsync(admin, [ClinicRoles.Nurse], [], someoneElse, Ct));

        Assert.Contains("last active administrator", Assert.IsType<StaffChange.Refused>(disable).Reason, StringComparison.Ordinal);
        Assert.Contains("last active administrator", Assert.IsType<StaffChange.Refused>(demote).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenSecondAdministrator_WhenTheFirstDemotesThemselves_ThenRefusedButAnotherAdminMay()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var second = await TestClinic.AddUserAsync(app.Services, Email(), "Ada Second", [ClinicRoles.Admin], [], ct: Ct);

        var self = await WithAccountsAsync(app, a => a.UpdateAccessAsync(second, [ClinicRoles.Nurse], [], second, Ct));
        var byOther = await WithAccountsAsync(app, a => a.UpdateAccessAsync(second, [ClinicRoles.Nurse], [app.Clinic.Riverside.Id], app.Clinic.UserId(ClinicRoles.Admin), Ct));

        Assert.Contains("your own Admin role", Assert.IsType<StaffChange.Refused>(self).Reason, StringComparison.Ordinal);
        Assert.IsType<StaffChange.Done>(byOther);
        var listed = Assert.Single(await WithAccountsAsync(app, a => a.ListAsync(Ct)), m => m.Id == second);
        Assert.Equal([ClinicRoles.Nurse], listed.Roles);
        Assert.Equal(["Riverside"], listed.Sites.Select(s => s.Name).ToArray());
    }

    [Theory]
    [InlineData(new string[0], "Choose at least one role.")]
    [InlineData(new[] { ClinicRoles.Patient }, "Only staff roles can be given here.")]
    [InlineData(new[] { "Superuser" }, "Only staff roles can be given here.")]
    public async Task GivenRolesThatAreNotStaffRoles_WhenInviting_ThenRefused(string[] roles, string reason)
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);

        var result = await WithAccountsAsync(app, a => a.InviteAsync(new InviteStaffForm { DisplayName = "X", Email = Email(), Roles = [.. roles] }, Ct));

        Assert.Equal(reason, Assert.IsType<StaffChange.Refused>(result).Reason);
    }

    [Fact]
    public async Task GivenExistingEmail_WhenInviting_ThenRefused()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);

        var result = await WithAccountsAsync(app, a => a.InviteAsync(
            new InviteStaffForm { DisplayName = "Dup", Email = TestClinic.EmailFor(ClinicRoles.Nurse), Roles = [ClinicRoles.Nurse] }, Ct));

        Assert.Contains("already exists", Assert.IsType<StaffChange.Refused>(result).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenDisabledStaffMember_WhenSigningIn_ThenRefusedUntilEnabledAgain(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var email = Email();
        var id = await TestClinic.AddUserAsync(app.Services, email, "Eve Enabled", [ClinicRoles.Nurse], [], ct: Ct);
        var admin = app.Clinic.UserId(ClinicRoles.Admin);
        string stampBefore;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
            stampBefore = (await users.FindByIdAsync(id.ToString()))!.SecurityStamp!;
        }
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        Assert.IsType<StaffChange.Done>(await WithAccountsAsync(app, a => a.SetDisabledAsync(id, true, admin, Ct)));
        using var client = app.Client();
        var whileDisabled = await HttpSignIn.SignInAsync(client, email, TestClinic.Password, Ct);
        Assert.IsType<StaffChange.Done>(await WithAccountsAsync(app, a => a.SetDisabledAsync(id, false, admin, Ct)));
        var afterEnabling = await HttpSignIn.SignInAsync(client, email, TestClinic.Password, Ct);

        Assert.Null(whileDisabled);
        Assert.Equal("/", afterEnabling);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
            Assert.NotEqual(stampBefore, (await users.FindByIdAsync(id.ToString()))!.SecurityStamp);
        }
        var changes = (await AuditQueries.SinceAsync(app.Services, before)).Where(e => e.Action == AuditActions.AccountChange).Select(e => e.Detail).ToArray();
        Assert.Equal(["disabled", "enabled"], changes);
    }

    [Fact]
    public async Task GivenSignedInStaffMember_WhenDisabled_ThenTheirExistingCookieStopsWorking()
    {
        // Security stamp checked on every request here (0 minutes) instead of every minute.
        await using var factory = (await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false))
            .With("Security:SecurityStampValidationMinutes", "0");
        var clinic = await TestClinic.SeedAsync(factory.Services, Ct);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/", await HttpSignIn.SignInAsync(client, TestClinic.EmailFor(ClinicRoles.Physician), TestClinic.Password, Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/patients", Ct)).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            Assert.IsType<StaffChange.Done>(await accounts.SetDisabledAsync(
                clinic.UserId(ClinicRoles.Physician), true, clinic.UserId(ClinicRoles.Admin), Ct));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/patients", Ct)).StatusCode);
    }

    private static async Task<string> PostSetPasswordAsync(HttpClient client, string pathAndQuery, string password)
    {
        var page = await client.GetStringAsync(pathAndQuery, Ct);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        var response = await client.PostAsync(pathAndQuery, form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }
}
