using KetamineClinic.Web.Components.Layout;
using MudBlazor.Services;

namespace KetamineClinic.Web.Components;

public static class UserInterfaceRegistration
{
    public static IHostApplicationBuilder AddUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<StaffShellQuery>();
        return builder;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        // Scripts, styles and fonts are needed before sign-in (the sign-in page uses them).
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
