using KetamineClinic.Web.Platform;
using static Microsoft.Playwright.Assertions;

namespace KetamineClinic.EndToEnd;

/// <summary>A server whose staff idle timeout is seconds, not 15 minutes (Security:StaffIdleTimeoutSeconds).</summary>
public sealed class ShortIdleClinicServer : ClinicServer
{
    public const int TimeoutSeconds = 6;
    public const int WarningSeconds = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Security:StaffIdleTimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:StaffIdleWarningSeconds"] = WarningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class IdleSignOutTests(ShortIdleClinicServer server) : IClassFixture<ShortIdleClinicServer>
{
    [Fact]
    public async Task GivenIdleStaffMember_WhenTheTimeoutPasses_ThenWarnedThenSignedOutByTheBrowser()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsAsync(ClinicRoles.Nurse);
        var warning = page.Locator("#kc-idle-warning");

        // Warned before the limit.
        await Expect(warning).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(warning).ToContainTextAsync("you will be signed out in");

        // Activity postpones it: the warning goes away.
        await page.Mouse.MoveAsync(200, 300);
        await page.Mouse.MoveAsync(240, 320);
        await Expect(warning).ToBeHiddenAsync(new() { Timeout = 3_000 });
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);

        // Then nothing: signed out at the limit, with the reason on the sign-in page.
        await page.WaitForURLAsync("**/account/login?signedOut=idle", new() { Timeout = 15_000 });
        await Expect(page.LoginMessage()).ToHaveTextAsync("You were signed out after 6 seconds without activity.");
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
