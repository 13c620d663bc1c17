using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Platform;

/// <summary>Authorization policies, one per capability. Everything else is denied by the fallback policy.</summary>
public static class ClinicPolicies
{
    public const string Staff = nameof(Staff);
    public const string PatientChart = nameof(PatientChart);
    public const string Clinical = nameof(Clinical);
    public const string Prescriber = nameof(Prescriber);
    public const string Scheduling = nameof(Scheduling);
    public const string ControlledSubstances = nameof(ControlledSubstances);
    public const string Administration = nameof(Administration);
    public const string Audit = nameof(Audit);
    public const string PatientPortal = nameof(PatientPortal);

    public static void Configure(AuthorizationOptions o)
    {
        // Deny by default: a page or endpoint is public only when it says AllowAnonymous.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Staff, p => p.RequireRole([.. ClinicRoles.Staff]));
        o.AddPolicy(PatientChart, p => p.RequireRole(ClinicRoles.Physician, ClinicRoles.Nurse, ClinicRoles.FrontDesk, ClinicRoles.Admin));
        o.AddPolicy(Clinical, p => p.RequireRole(ClinicRoles.Physician, ClinicRoles.Nurse));
        o.AddPolicy(Prescriber, p => p.RequireRole(ClinicRoles.Physician));
        o.AddPolicy(Scheduling, p => p.RequireRole(ClinicRoles.FrontDesk, ClinicRoles.Nurse, ClinicRoles.Physician, ClinicRoles.Admin));
        o.AddPolicy(ControlledSubstances, p => p.RequireRole(ClinicRoles.Pharmacist, ClinicRoles.Physician, ClinicRoles.Nurse));
        o.AddPolicy(Administration, p => p.RequireRole(ClinicRoles.Admin));
        o.AddPolicy(Audit, p => p.RequireRole(ClinicRoles.Admin));
        o.AddPolicy(PatientPortal, p => p.RequireRole(ClinicRoles.Patient));
    }
}

public sealed class IdentityOptionsSection
{
    public const string Section = "Security";
    /// <summary>Staff are signed out after this many idle minutes (default 15).</summary>
    public int StaffIdleTimeoutMinutes { get; set; } = 15;
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
}

public static class IdentityRegistration
{
    public static IHostApplicationBuilder AddClinicIdentity(this IHostApplicationBuilder builder)
    {
        var security = builder.Configuration.GetSection(IdentityOptionsSection.Section).Get<IdentityOptionsSection>() ?? new();
        builder.Services.Configure<IdentityOptionsSection>(builder.Configuration.GetSection(IdentityOptionsSection.Section));

        builder.Services
            .AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();

        builder.Services
            .AddIdentityCore<ClinicUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddClaimsPrincipalFactory<ClinicClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "kc.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.StaffIdleTimeoutMinutes);
            o.Events = new CookieAuthenticationEvents
            {
                // APIs answer 401/403, pages redirect to sign-in.
                OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden),
            };
        });

        builder.Services.AddScoped<PasswordChanger>();
        builder.Services.AddScoped<AdministratorBootstrap>();
        builder.Services.AddAuthorization(ClinicPolicies.Configure);
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApiPath(ctx.Request.Path))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
