using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KetamineClinic.Web.Tests;

/// <summary>One running app per provider for a test class, seeded with <see cref="TestClinic"/> (started on first use).</summary>
public sealed class SeededApps : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<SeededApp>> _apps = [];
    private readonly Lock _gate = new();

    public Task<SeededApp> GetAsync(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        lock (_gate)
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = StartAsync(provider);
                _apps[provider] = app;
            }
            return app;
        }
    }

    private static async Task<SeededApp> StartAsync(DatabaseProvider provider)
    {
        var factory = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var clinic = await TestClinic.SeedAsync(factory.Services);
        return new SeededApp(factory, clinic);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            try
            {
                await (await app).Factory.DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or Xunit.Sdk.XunitException)
            {
                // A start that failed was reported by its test already.
            }
        }
    }
}

public sealed record SeededApp(ClinicAppFactory Factory, SeededClinic Clinic)
{
    public IServiceProvider Services => Factory.Services;

    /// <summary>A cookie-keeping client that does not follow redirects.</summary>
    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as the seeded user of <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInAsAsync(string role)
    {
        var client = Client();
        var landed = await HttpSignIn.SignInAsync(client, TestClinic.EmailFor(role), TestClinic.Password, TestContext.Current.CancellationToken);
        Assert.NotNull(landed);
        return client;
    }
}
