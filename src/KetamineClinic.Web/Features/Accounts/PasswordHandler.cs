using System.Globalization;
using System.Security.Claims;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Accounts;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Features.Accounts;

/// <summary>Setting a password from a one-time link, and changing one's own password. Audited without secrets.</summary>
internal sealed class PasswordHandler(
    UserManager<ClinicUser> users,
    SignInManager<ClinicUser> signInManager,
    PasswordChanger changer,
    IAuditTrail audit)
{
    /// <summary>Returns no messages on success, else messages to show. A used or expired link gives one neutral answer.</summary>
    public async Task<IReadOnlyList<string>> SetFromLinkAsync(Guid userId, string? encodedToken, string password, CancellationToken ct)
    {
        var token = AccountsRegistration.DecodeToken(encodedToken);
        var user = await users.FindByIdAsync(userId.ToString("D", CultureInfo.InvariantCulture));
        if (token is null || user is null || user.IsDisabled)
        {
            return [InvalidLink];
        }
        // Resetting changes the security stamp, which is what makes the link single-use.
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => string.Equals(e.Code, nameof(IdentityErrorDescriber.InvalidToken), StringComparison.Ordinal)))
            {
                await audit.RecordAsync(Entry(user.Id, AuditOutcome.Failed, "set-password link rejected"), ct);
                return [InvalidLink];
            }
            return [.. result.Errors.Select(e => e.Description)];
        }
        // Knowing the link proves the invitation reached its owner; a locked-out person starts afresh.
        await users.ResetAccessFailedCountAsync(user);
        if (user.MustChangePassword)
        {
            // The person chose this password themselves.
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        await audit.RecordAsync(Entry(user.Id, AuditOutcome.Success, "password set from link"), ct);
        return [];
    }

    public async Task<IReadOnlyList<string>> ChangeOwnAsync(ClaimsPrincipal principal, string current, string next, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return ["Your account could not be found. Sign in again."];
        }
        // One path for every password change: it also clears the one-time-password flag of `admin create`,
        // and audits the outcome once.
        var result = await changer.ChangeAsync(user, current, next);
        if (!result.Succeeded)
        {
            return result.Errors;
        }
        // The stamp changed: other sessions end at their next check; this one gets a fresh cookie (and loses the
        // must-change claim).
        await signInManager.RefreshSignInAsync(user);
        return [];
    }

    public const string InvalidLink = "This link is not valid any more (it was used, it expired, or it was mistyped). Ask your administrator for a new one.";

    private static AuditEntry Entry(Guid userId, AuditOutcome outcome, string detail) =>
        new(AuditActions.AccountChange, SignInHandler.ResourceType, userId.ToString("D", CultureInfo.InvariantCulture), null, outcome, detail);
}
