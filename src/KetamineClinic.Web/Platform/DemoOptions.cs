namespace KetamineClinic.Web.Platform;

public sealed class DemoOptions
{
    public const string Section = "Demo";
    /// <summary>Seeds the demo clinic network on a new database and runs the vitals simulator. Never on in Production unless set.</summary>
    public bool? Enabled { get; set; }
    /// <summary>One password for every demo sign-in; printed at start.</summary>
    public string Password { get; set; } = "Demo-Clinic-2026";
    public string ClientSecret { get; set; } = "demo-client-secret-2026";
}
