using System.Globalization;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Features.Accounts;

/// <summary>What a sign-in attempt came to. Refusals are deliberately vague towards the person signing in.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    /// <summary>Signed in; patients go to their portal, staff to the staff shell.</summary>
    public sealed record SignedIn(bool IsPatient) : SignInOutcome;

    /// <summary>Too many failures: the account is locked until <paramref name="Until"/>.</summary>
    public sealed record LockedOut(DateTimeOffset? Until) : SignInOutcome;

    /// <summary>Unknown e-mail, wrong password or disabled account: one neutral answer for all three.</summary>
    public sealed record Refused : SignInOutcome;
}

/// <summary>Password sign-in with lockout, audited (never the password, never what was typed as e-mail).</summary>
internal sealed class SignInHandler(
    SignInManager<ClinicUser> signInManager,
    IAuditTrail audit,
    IHttpContextAccessor http)
{
    public const string ResourceType = "Account";

    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken ct)
    {
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // What was typed is not recorded: people type their password into the e-mail field.
            await audit.RecordAsync(Failed(null, AuditOutcome.Failed, "unknown account"), ct);
            return new SignInOutcome.Refused();
        }

        var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var id = user.Id.ToString("D", CultureInfo.InvariantCulture);
        if (result.Succeeded)
        {
            // The cookie leaves with this response; the audit trail reads the actor from the request.
            if (http.HttpContext is { } context)
            {
                context.User = await signInManager.CreateUserPrincipalAsync(user);
            }
            await audit.RecordAsync(new AuditEntry(AuditActions.SignIn, ResourceType, id, null), ct);
            var roles = await users.GetRolesAsync(user);
            var isPatient = roles.Contains(ClinicRoles.Patient, StringComparer.Ordinal)
                && !roles.Any(r => ClinicRoles.Staff.Contains(r, StringComparer.Ordinal));
            return new SignInOutcome.SignedIn(isPatient);
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(Failed(id, AuditOutcome.Denied, "locked out"), ct);
            return new SignInOutcome.LockedOut(await users.GetLockoutEndDateAsync(user));
        }
        if (result.IsNotAllowed)
        {
            await audit.RecordAsync(Failed(id, AuditOutcome.Denied, user.IsDisabled ? "account disabled" : "sign-in not allowed"), ct);
            return new SignInOutcome.Refused();
        }
        await audit.RecordAsync(Failed(id, AuditOutcome.Failed, "wrong password"), ct);
        return new SignInOutcome.Refused();
    }

    private static AuditEntry Failed(string? userId, AuditOutcome outcome, string detail) =>
        new(AuditActions.SignInFailed, ResourceType, userId, null, outcome, detail);
}
