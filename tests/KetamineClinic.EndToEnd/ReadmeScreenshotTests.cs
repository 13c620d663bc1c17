using KetamineClinic.Web.Platform;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd;

/// <summary>
/// Walks the staff shell with demo-like synthetic data and takes the README screenshots. They go to a temp folder,
/// or to KC_SCREENSHOT_DIR when set (scripts/screenshots.sh sets it to docs/images).
/// </summary>
[Collection(SharedServerCollection.Name)]
public sealed class ReadmeScreenshotTests(ClinicServer server)
{
    private static string ScreenshotDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("KC_SCREENSHOT_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "kc-screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task GivenNurseAtTwoSites_WhenChoosingASite_ThenTodayShowsItAndRemembersIt()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Nurse);

        await Expect(page.Locator("[data-testid=today-heading]")).ToContainTextAsync("Hillcrest");
        await page.Locator("[data-testid=site-selector] div.mud-input-control").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Riverside" }).ClickAsync();

        await Expect(page.Locator("[data-testid=today-heading]")).ToContainTextAsync("Riverside");
        await Expect(page.Locator("[data-testid=today-chairs]")).ToContainTextAsync("4 in service of 4");
        await Expect(page.Locator("[data-testid=today-chairs]")).ToContainTextAsync("Chair 10");
        await Expect(page.Locator("[data-testid=today-staff]")).ToContainTextAsync("Dr. Priya Raman, MD");
        await Expect(page.Locator("[data-testid=today-stages]")).ToContainTextAsync("Induction");
        await page.Mouse.MoveAsync(5, 700);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory(), "today.png"), FullPage = true });

        await page.ReloadAsync();
        await page.WaitForShellAsync();
        await Expect(page.Locator("[data-testid=today-heading]")).ToContainTextAsync("Riverside");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GivenPhysician_WhenSearchingAndOpeningAChart_ThenTheHeaderShowsWeightAllergiesAndFlags()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Physician);
        await page.ClickAsync("[data-testid=nav] a:has-text('Patients')");

        await page.Locator("input[data-testid=patient-search]").FillAsync("thomp");
        var rows = page.Locator("[data-testid=patient-row]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveTextAsync("Thompson, Avery");
        await rows.First.ClickAsync();

        await page.WaitForURLAsync($"**/patients/{server.FeaturedPatientId}");
        var header = page.Locator("[data-testid=chart-header]");
        await Expect(header.Locator("[data-testid=patient-name]")).ToHaveTextAsync("Thompson, Avery");
        await Expect(header.Locator("[data-testid=weight-value]")).ToHaveTextAsync("70.4 kg");
        await Expect(header.Locator("[data-testid=weight-stale]")).ToBeVisibleAsync();
        await Expect(header.Locator("[data-testid=allergy]")).ToHaveCountAsync(2);
        await Expect(header.Locator("[data-testid=flag]").First).ToContainTextAsync("Suicide risk (high priority)");
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(6);
        await page.Mouse.MoveAsync(5, 700);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory(), "patient-chart.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
