using MudBlazor;

namespace KetamineClinic.Web.Components.Layout;

/// <summary>Calm colours with enough contrast for a dim treatment room; red is kept for alarms and allergies.</summary>
public static class ClinicTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#4a7c59",
            AppbarBackground = "#1f5f8b",
            Background = "#f6f8fa",
            DrawerBackground = "#ffffff",
            Error = "#b3261e",
            Warning = "#a15c00",
        },
    };
}
