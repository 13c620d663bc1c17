using KetamineClinic.Web.Components;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Commands;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();          // logging, ProblemDetails, OpenAPI, health, telemetry, TimeProvider
builder.AddPersistence();       // SQLite or PostgreSQL, one DbContext per operation
builder.AddClinicIdentity();    // accounts, roles, policies, idle log-off
builder.AddFeatures();          // one Add* per capability (Features/*)
builder.AddUserInterface();     // Blazor + MudBlazor

if (await ClinicCommands.TryRunAsync(args, builder)) return;   // `-- audit verify`, `-- admin create ...`

var app = builder.Build();

await app.PrepareDatabaseAsync();   // migrate, ensure roles, seed the demo clinic when Demo:Enabled

app.UsePlatform();
app.MapPlatform();
app.MapFeatures();
app.MapUserInterface();

app.PrintStartupBanner();
await app.RunAsync();

public partial class Program;
