using KetamineClinic.Testing.Browser;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd;

/// <summary>
/// One real Kestrel server on a throwaway SQLite database, seeded with <see cref="TestClinic"/> and a demo-like
/// patient population, and one headless Debian chromium. Tests open a fresh browser context each (own cookies).
/// </summary>
public class ClinicServer : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ClinicAppFactory Factory { get; private set; } = default!;
    public SeededClinic Clinic { get; private set; } = default!;
    public Guid FeaturedPatientId { get; private set; }
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Settings over the defaults, e.g. a short idle timeout.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite);
        Factory = new ClinicAppFactory(database, demo: false);
        foreach (var (key, value) in Settings)
        {
            Factory.With(key, value);
        }
        Factory.UseRealServer();
        BaseAddress = Factory.ServerAddress;
        Clinic = await TestClinic.SeedAsync(Factory.Services);
        FeaturedPatientId = await TestPatients.AddPopulationAsync(Factory.Services, Clinic.Riverside.Id, Clinic.Hillcrest.Id);
        (_playwright, _browser) = await Chromium.LaunchAsync();
        // Two cores shared with other builds: give the circuit time to connect before an assertion gives up.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A page in a new, cookie-less browser context.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>One server shared by the browser test classes that do not change its settings.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<ClinicServer>
{
    public const string Name = "Shared clinic server";
}
