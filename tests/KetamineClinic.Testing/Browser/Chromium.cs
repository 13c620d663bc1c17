using Microsoft.Playwright;

namespace KetamineClinic.Testing.Browser;

/// <summary>Debian's chromium, headless, never a downloaded browser (stack-notes pitfall 8).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    };

    /// <summary>
    /// Skips the calling test with a clear message when Debian chromium is not installed on a developer machine.
    /// In CI (CI=true) a missing browser is a failure, never a skip: ./test.sh installs it there.
    /// </summary>
    public static void SkipUnlessAvailable()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        var ci = Environment.GetEnvironmentVariable("CI");
        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(ci, "1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing in CI: ./test.sh installs Debian chromium as root.");
        }
        Assert.Skip($"Browser test skipped: {ExecutablePath} is missing (apt-get install chromium; ./test.sh does it as root).");
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        SkipUnlessAvailable();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(LaunchOptions);
        return (playwright, browser);
    }
}
