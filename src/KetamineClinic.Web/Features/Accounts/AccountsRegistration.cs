using System.Globalization;
using System.Security.Claims;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KetamineClinic.Web.Features.Accounts;

/// <summary>Sign-in, sign-out, set-password links and the staff administration pages.</summary>
public static class AccountsRegistration
{
    public const string SignedOutByUser = "user";
    public const string SignedOutIdle = "idle";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignInHandler>();
        builder.Services.AddScoped<StaffAccounts>();
        builder.Services.AddScoped<PasswordHandler>();
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        // A form post with an antiforgery token (the [FromForm] parameter turns validation on). Anonymous so an
        // expired session still lands on the sign-in page instead of an error.
        account.MapPost("/logout", async Task<RedirectHttpResult> (
            HttpContext context,
            [FromForm] string? reason,
            SignInManager<ClinicUser> signInManager,
            IAuditTrail audit,
            CancellationToken ct) =>
        {
            var idle = string.Equals(reason, SignedOutIdle, StringComparison.Ordinal);
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                await audit.RecordAsync(
                    new AuditEntry(AuditActions.SignOut, SignInHandler.ResourceType, id, null, AuditOutcome.Success, idle ? "idle timeout" : "signed out"),
                    ct);
                await signInManager.SignOutAsync();
            }
            return TypedResults.LocalRedirect($"/account/login?signedOut={(idle ? SignedOutIdle : SignedOutByUser)}");
        }).AllowAnonymous();

        // The staff idle timer pings this while the person is active: Blazor's websocket does not renew the cookie.
        account.MapGet("/keepalive", () => TypedResults.NoContent()).RequireAuthorization();
        return app;
    }

    /// <summary>Identity's token, made safe for a query string.</summary>
    public static string EncodeToken(string token) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }
        try
        {
            return System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The one-time set-password link for an invitation (or a reset issued by an administrator).</summary>
    public static string SetPasswordLink(Uri baseUri, Guid userId, string token) =>
        new Uri(baseUri, string.Create(CultureInfo.InvariantCulture,
            $"account/set-password?user={userId:D}&token={EncodeToken(token)}")).ToString();
}
