using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Testing.Hosting;

/// <summary>
/// The real app for infusion-day tests: a fake clock everyone shares (escalation, audit, ingestion) and the test
/// sign-in (<see cref="TestUserAuthentication"/>). No demo data.
/// </summary>
public sealed class InfusionDayAppFactory : ClinicAppFactory
{
    public InfusionDayAppFactory(TestDatabase database, FakeTimeProvider? clock = null)
        : base(database, demo: false)
    {
        Clock = clock;
    }

    /// <summary>The shared fake clock, or null for the system clock (browser tests).</summary>
    public FakeTimeProvider? Clock { get; }

    public static async Task<InfusionDayAppFactory> CreateAsync(DatabaseProvider provider, FakeTimeProvider? clock = null) =>
        new(await TestDatabase.CreateEmptyAsync(provider), clock);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development the build output serves no _framework/ or _content/ files unless asked (stack-notes
        // pitfall 5); the browser test needs blazor.web.js and MudBlazor's assets.
        builder.UseStaticWebAssets();
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            TestUserAuthentication.AddTo(services);
        });
    }
}
