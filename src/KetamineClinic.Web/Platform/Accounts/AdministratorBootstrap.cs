using System.Net.Mail;
using System.Security.Cryptography;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Platform.Accounts;

public abstract record AdministratorCreation
{
    /// <summary>Created with a one-time password that the administrator must change at first sign-in.</summary>
    public sealed record Created(Guid UserId, string Email, string OneTimePassword) : AdministratorCreation;

    public sealed record Refused(string Reason) : AdministratorCreation;
}

/// <summary>
/// Creates an administrator of a real (non-demo) clinic from the command line: `admin create --email X --name Y`.
/// The account gets a generated one-time password and <see cref="ClinicUser.MustChangePassword"/>; nothing else
/// works for it until a new password is chosen. The creation is audited in the same transaction.
/// </summary>
internal sealed class AdministratorBootstrap(
    ClinicDbContext db,
    UserManager<ClinicUser> users,
    IDbContextFactory<ClinicDbContext> contexts,
    ClinicMetrics metrics,
    TimeProvider clock)
{
    // No look-alikes (0/O, 1/l/I): the password is read off a terminal and typed once.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    public async Task<AdministratorCreation> CreateAsync(string email, string displayName, string actor, CancellationToken ct)
    {
        if (!MailAddress.TryCreate(email, out var address) || !string.Equals(address.Address, email, StringComparison.OrdinalIgnoreCase))
        {
            return new AdministratorCreation.Refused($"'{email}' is not an email address.");
        }
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return new AdministratorCreation.Refused("A display name is required (--name).");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new AdministratorCreation.Refused($"An account with email {email} already exists.");
        }

        var password = GeneratePassword();
        var user = new ClinicUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
            MustChangePassword = true,
        };
        // Account, role and audit event commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AdministratorCreation.Refused(RoleSetup.Describe(created));
        }
        var role = await users.AddToRoleAsync(user, ClinicRoles.Admin);
        if (!role.Succeeded)
        {
            return new AdministratorCreation.Refused(RoleSetup.Describe(role));
        }
        var audit = new AuditTrail(contexts, FixedAuditActor.System(actor), clock, metrics);
        await audit.StageAsync(db, new AuditEntry(
            AuditActions.AccountChange, "ClinicUser", user.Id.ToString(), null, AuditOutcome.Success,
            "administrator created with a one-time password"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AdministratorCreation.Created(user.Id, email, password);
    }

    internal static string GeneratePassword()
    {
        const string all = Upper + Lower + Digits;
        while (true)
        {
            var chars = new char[20];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }
            var candidate = new string(chars);
            // Identity's policy (12+, upper, lower, digit); a 20-character draw almost always passes first time.
            if (candidate.Any(Upper.Contains) && candidate.Any(Lower.Contains) && candidate.Any(Digits.Contains))
            {
                return candidate;
            }
        }
    }
}
