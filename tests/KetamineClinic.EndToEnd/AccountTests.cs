using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Platform;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd;

[Collection(SharedServerCollection.Name)]
public sealed class AccountTests(ClinicServer server)
{
    [Fact]
    public async Task GivenFiveWrongPasswords_WhenSigningIn_ThenTheLockoutMessageIsShown()
    {
        var email = $"lockme-{Guid.NewGuid():N}@test.clinic";
        await TestClinic.AddUserAsync(server.Factory.Services, email, "Lee Locked", [ClinicRoles.FrontDesk], [server.Clinic.Riverside.Id], ct: TestContext.Current.CancellationToken);
        var page = await server.NewPageAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.SubmitSignInAsync(email, $"Not-The-Password-{attempt}");
            await Expect(page.LoginMessage()).ToContainTextAsync("We could not sign you in with those details.");
        }
        await page.SubmitSignInAsync(email, "Not-The-Password-5");

        await Expect(page.LoginMessage()).ToContainTextAsync("Too many failed attempts: this account is locked for 15 minutes.");
        await page.SubmitSignInAsync(email, TestClinic.Password);
        await Expect(page.LoginMessage()).ToContainTextAsync("this account is locked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenSignedInStaff_WhenClickingSignOut_ThenBackAtSignInAndStaffPagesNeedSignInAgain()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Physician);

        await page.ClickAsync("[data-testid=sign-out]");

        await page.WaitForURLAsync("**/account/login?signedOut=user");
        await Expect(page.LoginMessage()).ToHaveTextAsync("You have signed out.");
        await page.GotoAsync("/patients");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenStaffMember_WhenChangingTheirPassword_ThenTheNewOneSignsThemIn()
    {
        var email = $"changer-{Guid.NewGuid():N}@test.clinic";
        await TestClinic.AddUserAsync(server.Factory.Services, email, "Cam Changer", [ClinicRoles.Nurse], [server.Clinic.Riverside.Id], ct: TestContext.Current.CancellationToken);
        var page = await server.NewPageAsync();
        await page.SignInAsync(email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await page.WaitForURLAsync("**/account/change-password");
        await Expect(page.Locator("[data-testid=password-rules]")).ToContainTextAsync("A digit (0-9)");
        await page.FillAsync("#current", TestClinic.Password);
        await page.FillAsync("#new", "Changed-Pass-2027");
        await page.FillAsync("#confirm", "Changed-Pass-2027");
        await page.ClickAsync("button[type=submit]:has-text('Change password')");
        await Expect(page.Locator("[data-testid=change-password-done]")).ToBeVisibleAsync();

        var fresh = await server.NewPageAsync();
        await fresh.SubmitSignInAsync(email, TestClinic.Password);
        await Expect(fresh.LoginMessage()).ToContainTextAsync("We could not sign you in");
        await fresh.SignInAsync(email, "Changed-Pass-2027");
        await page.Context.CloseAsync();
        await fresh.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenAdmin_WhenInvitingStaff_ThenTheNewPersonSetsAPasswordFromTheLinkAndSignsIn()
    {
        var email = $"new-nurse-{Guid.NewGuid():N}@test.clinic";
        var admin = await server.NewPageAsync();
        await admin.SignInAsAsync(ClinicRoles.Admin);
        await admin.ClickAsync("[data-testid=nav] a:has-text('Staff')");
        await Expect(admin.Locator("[data-testid=staff-table]")).ToContainTextAsync(TestClinic.DisplayNameFor(ClinicRoles.Nurse));

        await admin.ClickAsync("[data-testid=invite-open]");
        var form = admin.Locator("[data-testid=invite-form]");
        await form.Locator("input[data-testid=invite-name]").FillAsync("Nia Newhire");
        await form.Locator("input[data-testid=invite-email]").FillAsync(email);
        await form.Locator("input[data-testid=invite-credentials]").FillAsync("RN");
        await form.Locator("[data-testid=invite-roles]").GetByText("Nurse", new() { Exact = true }).ClickAsync();
        await form.Locator("[data-testid=invite-sites]").GetByText("Hillcrest", new() { Exact = true }).ClickAsync();
        await form.Locator("[data-testid=invite-submit]").ClickAsync();

        var linkField = admin.Locator("input[data-testid=set-password-link]");
        await Expect(linkField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/account/set-password\\?user="));
        var link = await linkField.InputValueAsync();
        var row = admin.Locator("[data-testid=staff-table] tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Invited (no password yet)");
        await Expect(row).ToContainTextAsync("Hillcrest");

        var newcomer = await server.NewPageAsync();
        await newcomer.GotoAsync(link);
        await Expect(newcomer.Locator("[data-testid=password-rules]")).ToContainTextAsync("At least 12 characters");
        await newcomer.FillAsync("#password", "Welcome-Aboard-2026");
        await newcomer.FillAsync("#confirm", "Welcome-Aboard-2026");
        await newcomer.ClickAsync("[data-testid=set-password]");
        await Expect(newcomer.Locator("[data-testid=set-password-done]")).ToBeVisibleAsync();

        await newcomer.SignInAsync(email, "Welcome-Aboard-2026");
        Assert.Equal(["Today", "Patients"], await newcomer.NavigationAsync());
        await Expect(newcomer.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync("Nia Newhire");

        // The link is spent.
        var again = await server.NewPageAsync();
        await again.GotoAsync(link);
        await again.FillAsync("#password", "Second-Try-Pass-2026");
        await again.FillAsync("#confirm", "Second-Try-Pass-2026");
        await again.ClickAsync("[data-testid=set-password]");
        await Expect(again.Locator("[data-testid=set-password-errors]")).ToContainTextAsync("This link is not valid any more");

        await admin.Context.CloseAsync();
        await newcomer.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenAdminDisablesAStaffMember_WhenThatPersonSignsIn_ThenRefusedWithTheNeutralMessage()
    {
        var email = $"leaver-{Guid.NewGuid():N}@test.clinic";
        await TestClinic.AddUserAsync(server.Factory.Services, email, "Lena Leaver", [ClinicRoles.FrontDesk], [server.Clinic.Hillcrest.Id], ct: TestContext.Current.CancellationToken);
        var admin = await server.NewPageAsync();
        await admin.SignInAsAsync(ClinicRoles.Admin);
        await admin.GotoStaffPageAsync("/admin/staff");

        var row = admin.Locator("[data-testid=staff-table] tr", new() { HasText = email });
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row.Locator("[data-testid=staff-status]")).ToHaveTextAsync("Disabled");

        var leaver = await server.NewPageAsync();
        await leaver.SubmitSignInAsync(email, TestClinic.Password);
        await Expect(leaver.LoginMessage()).ToContainTextAsync("We could not sign you in with those details.");
        Assert.Contains("/account/login", leaver.Url, StringComparison.Ordinal);

        await admin.Context.CloseAsync();
        await leaver.Context.CloseAsync();
    }
}
