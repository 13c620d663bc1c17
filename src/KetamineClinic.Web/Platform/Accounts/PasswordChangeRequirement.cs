using System.Security.Claims;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Platform.Accounts;

public static class ClinicClaimTypes
{
    /// <summary>Present while the signed-in account still has a one-time password.</summary>
    public const string MustChangePassword = "kc:must_change_password";
}

/// <summary>Adds the clinic's own claims to the sign-in cookie.</summary>
internal sealed class ClinicClaimsPrincipalFactory(
    UserManager<ClinicUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ClinicUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ClinicUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ClinicClaimTypes.MustChangePassword, "true"));
        }
        return identity;
    }
}

/// <summary>
/// While an account has a one-time password, only /account/* (sign-in, sign-out, change password), static
/// assets and health answer: pages redirect to <see cref="ChangePasswordPath"/>, APIs answer 403 ProblemDetails.
/// </summary>
internal sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == ClinicClaimTypes.MustChangePassword) || IsAllowed(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (IdentityRegistration.IsApiPath(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Password change required",
                    Detail = "This account has a one-time password. Choose a new one at " + ChangePasswordPath + ".",
                },
            });
            return;
        }
        var returnUrl = Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        context.Response.Redirect($"{ChangePasswordPath}?returnUrl={returnUrl}");
    }

    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        // Static files (app.css, fingerprinted assets): a dot in the last segment.
        || Path.HasExtension(path.Value);
}

/// <summary>Result of <see cref="PasswordChanger.ChangeAsync"/>.</summary>
public sealed record PasswordChangeResult(bool Succeeded, IReadOnlyList<string> Errors);

/// <summary>
/// Changes a password and clears <see cref="ClinicUser.MustChangePassword"/>; the change is audited. The caller
/// (the change-password page) then refreshes the sign-in so the cookie loses the one-time-password claim.
/// </summary>
internal sealed class PasswordChanger(UserManager<ClinicUser> users, IAuditTrail audit)
{
    public async Task<PasswordChangeResult> ChangeAsync(ClinicUser user, string currentPassword, string newPassword)
    {
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded && user.MustChangePassword)
        {
            user.MustChangePassword = false;
            result = await users.UpdateAsync(user);
        }
        await audit.RecordAsync(new AuditEntry(
            AuditActions.AccountChange, "ClinicUser", user.Id.ToString(), user.PatientId,
            result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failed, "password changed"));
        return new PasswordChangeResult(result.Succeeded, [.. result.Errors.Select(e => e.Description)]);
    }
}
