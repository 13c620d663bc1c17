using KetamineClinic.Testing.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd;

/// <summary>What a person does with the app, in Playwright steps.</summary>
internal static class Browser
{
    public static async Task SubmitSignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>Signs in and waits until the landing page is usable (the staff shell is interactive).</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = TestClinic.Password)
    {
        await page.SubmitSignInAsync(email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=nav]")).ToBeVisibleAsync();
        if (!page.Url.Contains("/portal", StringComparison.Ordinal))
        {
            await page.WaitForShellAsync();
        }
    }

    /// <summary>
    /// Waits until the staff shell is interactive: prerendered buttons are visible before they work.
    /// </summary>
    public static Task WaitForShellAsync(this IPage page) =>
        page.Locator("[data-testid=shell-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens a staff page by its address (a full page load) and waits until it is interactive.</summary>
    public static async Task GotoStaffPageAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForShellAsync();
    }

    public static Task SignInAsAsync(this IPage page, string role) => page.SignInAsync(TestClinic.EmailFor(role));

    /// <summary>The titles of the navigation links, in order.</summary>
    public static Task<IReadOnlyList<string>> NavigationAsync(this IPage page) =>
        page.Locator("[data-testid=nav] a").AllInnerTextsAsync();

    /// <summary>The sign-in page's message (error, lockout, signed out).</summary>
    public static ILocator LoginMessage(this IPage page) => page.Locator("[data-testid=login-message]");
}
