using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Platform;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd;

/// <summary>Each role signs in and the navigation offers exactly what its policies allow.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class NavigationTests(ClinicServer server)
{
    public static TheoryData<string, string[]> Expected => new()
    {
        { ClinicRoles.Admin, ["Today", "Patients", "Staff", "Audit log"] },
        { ClinicRoles.Physician, ["Today", "Patients"] },
        { ClinicRoles.Nurse, ["Today", "Patients"] },
        { ClinicRoles.FrontDesk, ["Today", "Patients"] },
        { ClinicRoles.Pharmacist, ["Today"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task GivenStaffRole_WhenSignedIn_ThenNavigationOffersExactlyItsPages(string role, string[] items)
    {
        var page = await server.NewPageAsync();

        await page.SignInAsAsync(role);

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        Assert.Equal(items, await page.NavigationAsync());
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(TestClinic.DisplayNameFor(role));
        await Expect(page.Locator("[data-testid=signed-in-role]")).ToHaveTextAsync(role);
        await Expect(page.Locator("[data-testid=clinic-name]")).ToHaveTextAsync(TestClinic.OrganizationName);
        await Expect(page.Locator("[data-testid=sign-out]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=today-chairs]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenPatient_WhenSignedIn_ThenTheirPortalWithCrisisTextAndNoStaffPages()
    {
        var page = await server.NewPageAsync();

        await page.SignInAsAsync(ClinicRoles.Patient);

        Assert.EndsWith("/portal", page.Url, StringComparison.Ordinal);
        Assert.Equal(["My care", "Questionnaires", "Change password"], await page.NavigationAsync());
        await Expect(page.Locator("[data-testid=portal-welcome]")).ToHaveTextAsync("Welcome, Pat Example");
        await Expect(page.Locator("[data-testid=crisis-text]")).ToHaveTextAsync(
            "If you are having thoughts of suicide, call or text 988 (988 Suicide & Crisis Lifeline) or chat at 988lifeline.org. If you are in immediate danger, call 911.");

        await page.GotoAsync("/patients");
        Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenPharmacist_WhenOpeningPatientsDirectly_ThenDenied()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Pharmacist);

        await page.GotoAsync("/patients");

        Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("You do not have access to that page");
        await page.Context.CloseAsync();
    }
}
