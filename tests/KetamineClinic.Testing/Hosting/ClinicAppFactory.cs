using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KetamineClinic.Testing.Hosting;

/// <summary>
/// The real app on a throwaway database of the given provider. With <see cref="UseRealServer"/> it listens on a
/// real loopback port (Kestrel) so a browser can reach it; otherwise it runs on the in-memory test server.
/// </summary>
public class ClinicAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public ClinicAppFactory(TestDatabase database, bool demo = true)
    {
        Database = database;
        _settings["Database:Provider"] = database.Provider.ToString();
        _settings["ConnectionStrings:Clinic"] = database.ConnectionString;
        _settings["Demo:Enabled"] = demo ? "true" : "false";
        // Tests drive the feed themselves; the simulator would add readings nobody asked for.
        _settings["Demo:Simulator"] = "false";
        // Port 0: the OS picks a free port for the MLLP listener.
        _settings["DeviceFeed:MllpPort"] = "0";
    }

    public TestDatabase Database { get; }

    /// <summary>Extra configuration, applied over the defaults above.</summary>
    public ClinicAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Serve on a real loopback port (for Playwright). Call before the first use.</summary>
    public ClinicAppFactory UseRealServer()
    {
        UseKestrel(0);
        return this;
    }

    /// <summary>Base address of the running server (real port when <see cref="UseRealServer"/> was called).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build output has no static web assets (_framework/, _content/) unless asked
        // (stack-notes pitfall 5): a browser needs blazor.web.js and MudBlazor's files.
        builder.UseStaticWebAssets();
        // UseSetting (not ConfigureAppConfiguration): Program reads these before Build(), as minimal hosting does.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates a factory on a fresh migrated-at-start database of the provider (skips when unavailable).</summary>
    public static async Task<ClinicAppFactory> CreateAsync(DatabaseProvider provider, bool demo = true)
    {
        var db = await TestDatabase.CreateEmptyAsync(provider);
        return new ClinicAppFactory(db, demo);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
