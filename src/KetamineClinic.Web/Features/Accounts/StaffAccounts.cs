using System.ComponentModel.DataAnnotations;
using System.Globalization;
using KetamineClinic.Web.Components.Layout;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Accounts;

/// <summary>One row of the staff list.</summary>
public sealed record StaffMember(
    Guid Id,
    string DisplayName,
    string Email,
    string? Credentials,
    IReadOnlyList<string> Roles,
    IReadOnlyList<SiteOption> Sites,
    bool IsDisabled,
    bool HasPassword,
    DateTimeOffset? LockedOutUntil);

/// <summary>The result of an administrator's change to a staff account.</summary>
public abstract record StaffChange
{
    private StaffChange()
    {
    }

    /// <summary>Done; <paramref name="SetPasswordToken"/> is set when a set-password link was issued.</summary>
    public sealed record Done(Guid UserId, string? SetPasswordToken = null) : StaffChange;

    /// <summary>Not done, with a reason the administrator can act on.</summary>
    public sealed record Refused(string Reason) : StaffChange;
}

/// <summary>The invitation form (bound by the staff page; never an EF entity).</summary>
public sealed class InviteStaffForm
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(200)]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter an e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(200)]
    public string Email { get; set; } = string.Empty;

    /// <summary>Professional credentials shown in the directory, e.g. "MD", "RN".</summary>
    [StringLength(100)]
    public string? Credentials { get; set; }

    /// <summary>Staff roles (<see cref="ClinicRoles.Staff"/>); at least one.</summary>
    public List<string> Roles { get; set; } = [];

    public List<Guid> SiteIds { get; set; } = [];
}

/// <summary>
/// Staff administration: list, invite, disable/enable, roles and sites, set-password links. Each change and its audit
/// event commit in one transaction. Identity's UserManager is taken from a fresh scope per operation: a Blazor circuit
/// lives for a shift and must not keep one DbContext; the audit trail stays on the circuit's scope (it knows the actor).
/// </summary>
internal sealed class StaffAccounts(
    IServiceScopeFactory scopes,
    IDbContextFactory<ClinicDbContext> contexts,
    IAuditTrail audit,
    TimeProvider clock)
{
    public const string ResourceType = "StaffAccount";

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => new SiteOption(s.Id, s.Name), ct);
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name ?? string.Empty);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.PatientId == null)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.Credentials,
                u.IsDisabled,
                HasPassword = u.PasswordHash != null,
                u.LockoutEnd,
                Sites = u.Sites.Select(s => s.SiteId).ToList(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users
            .Where(u => !roles[u.Id].Contains(ClinicRoles.Patient, StringComparer.Ordinal))
            .Select(u => new StaffMember(
                u.Id,
                u.DisplayName,
                u.Email ?? string.Empty,
                u.Credentials,
                [.. roles[u.Id].Order(StringComparer.Ordinal)],
                [.. u.Sites.Where(sites.ContainsKey).Select(id => sites[id]).OrderBy(s => s.Name, StringComparer.Ordinal)],
                u.IsDisabled,
                u.HasPassword,
                u.LockoutEnd > now ? u.LockoutEnd : null))
            .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyList<SiteOption>> SitesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new SiteOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>Creates the account without a password and returns a one-time set-password token.</summary>
    public async Task<StaffChange> InviteAsync(InviteStaffForm form, CancellationToken ct)
    {
        var roles = form.Roles.Distinct(StringComparer.Ordinal).ToList();
        var siteIds = form.SiteIds.Distinct().ToList();
        if (ValidateRoles(roles) is { } roleProblem)
        {
            return new StaffChange.Refused(roleProblem);
        }
        var email = form.Email.Trim();
        if (string.IsNullOrWhiteSpace(form.DisplayName) || !new EmailAddressAttribute().IsValid(email))
        {
            return new StaffChange.Refused("A name and a valid e-mail address are required.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new StaffChange.Refused("An account with this e-mail address already exists.");
        }
        if (await UnknownSitesAsync(db, siteIds, ct))
        {
            return new StaffChange.Refused("One of the chosen sites does not exist.");
        }
        await EnsureRolesExistAsync(scope.ServiceProvider, roles);

        var user = new ClinicUser
        {
            Id = Guid.NewGuid(),
            DisplayName = form.DisplayName.Trim(),
            Email = email,
            UserName = email,
            Credentials = string.IsNullOrWhiteSpace(form.Credentials) ? null : form.Credentials.Trim(),
            CreatedAt = clock.GetUtcNow(),
            Sites = [.. siteIds.Select(id => new StaffSiteAssignment { SiteId = id })],
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Staged before the first save so the account and its audit event are written together.
        await audit.StageAsync(db, Change(user.Id, string.Create(CultureInfo.InvariantCulture,
            $"invited; roles={string.Join(',', roles)}; sites={siteIds.Count}")));
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new StaffChange.Refused(Describe(created));
        }
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            return new StaffChange.Refused(Describe(added));
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await tx.CommitAsync(ct);
        return new StaffChange.Done(user.Id, token);
    }

    /// <summary>A new one-time set-password link for an existing account (lost invitation, forgotten password).</summary>
    public async Task<StaffChange> IssueSetPasswordLinkAsync(Guid userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var user = await users.FindByIdAsync(userId.ToString("D", CultureInfo.InvariantCulture));
        if (user is null || user.PatientId is not null)
        {
            return new StaffChange.Refused("No such staff account.");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // The token itself is never recorded.
        await audit.RecordAsync(Change(user.Id, "set-password link issued"), ct);
        return new StaffChange.Done(user.Id, token);
    }

    /// <summary>
    /// Disables or enables an account. Disabling changes the security stamp, so existing cookies and circuits stop
    /// working at their next check (Security:SecurityStampValidationMinutes).
    /// </summary>
    public async Task<StaffChange> SetDisabledAsync(Guid userId, bool disabled, Guid actingUserId, CancellationToken ct)
    {
        if (disabled && userId == actingUserId)
        {
            return new StaffChange.Refused("You cannot disable your own account.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var user = await users.FindByIdAsync(userId.ToString("D", CultureInfo.InvariantCulture));
        if (user is null || user.PatientId is not null)
        {
            return new StaffChange.Refused("No such staff account.");
        }
        if (user.IsDisabled == disabled)
        {
            return new StaffChange.Done(user.Id);
        }
        if (disabled && await users.IsInRoleAsync(user, ClinicRoles.Admin) && await OtherActiveAdminsAsync(users, user.Id) == 0)
        {
            return new StaffChange.Refused("This is the last active administrator: the clinic would have no one to manage accounts.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.StageAsync(db, Change(user.Id, disabled ? "disabled" : "enabled"));
        user.IsDisabled = disabled;
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return new StaffChange.Refused(Describe(updated));
        }
        await tx.CommitAsync(ct);
        return new StaffChange.Done(user.Id);
    }

    /// <summary>Replaces an account's roles and sites. Removing a role signs the person out at the next check.</summary>
    public async Task<StaffChange> UpdateAccessAsync(
        Guid userId, IEnumerable<string> roles, IEnumerable<Guid> siteIds, Guid actingUserId, CancellationToken ct)
    {
        var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
        var wantedSites = siteIds.Distinct().ToList();
        if (ValidateRoles(wanted) is { } roleProblem)
        {
            return new StaffChange.Refused(roleProblem);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var user = await users.FindByIdAsync(userId.ToString("D", CultureInfo.InvariantCulture));
        if (user is null || user.PatientId is not null)
        {
            return new StaffChange.Refused("No such staff account.");
        }
        if (await UnknownSitesAsync(db, wantedSites, ct))
        {
            return new StaffChange.Refused("One of the chosen sites does not exist.");
        }
        var current = await users.GetRolesAsync(user);
        var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
        var added = wanted.Except(current, StringComparer.Ordinal).ToList();
        if (removed.Contains(ClinicRoles.Admin, StringComparer.Ordinal))
        {
            if (user.Id == actingUserId)
            {
                return new StaffChange.Refused("You cannot remove your own Admin role; ask another administrator.");
            }
            if (!user.IsDisabled && await OtherActiveAdminsAsync(users, user.Id) == 0)
            {
                return new StaffChange.Refused("This is the last active administrator: the Admin role cannot be removed.");
            }
        }
        await EnsureRolesExistAsync(scope.ServiceProvider, added);

        var assigned = await db.StaffSiteAssignments.Where(a => a.UserId == user.Id).ToListAsync(ct);
        var sitesRemoved = assigned.Where(a => !wantedSites.Contains(a.SiteId)).ToList();
        var sitesAdded = wantedSites.Where(id => !assigned.Exists(a => a.SiteId == id)).ToList();
        if (removed.Count == 0 && added.Count == 0 && sitesRemoved.Count == 0 && sitesAdded.Count == 0)
        {
            return new StaffChange.Done(user.Id);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.StageAsync(db, Change(user.Id, string.Create(CultureInfo.InvariantCulture,
            $"access; roles added={string.Join(',', added)}; roles removed={string.Join(',', removed)}; sites added={sitesAdded.Count}; sites removed={sitesRemoved.Count}")));
        db.StaffSiteAssignments.RemoveRange(sitesRemoved);
        db.StaffSiteAssignments.AddRange(sitesAdded.Select(id => new StaffSiteAssignment { UserId = user.Id, SiteId = id }));
        await db.SaveChangesAsync(ct);
        if (removed.Count > 0)
        {
            var result = await users.RemoveFromRolesAsync(user, removed);
            if (!result.Succeeded)
            {
                return new StaffChange.Refused(Describe(result));
            }
            // Less access must not wait for the person to sign out: their cookie and circuit fail the next check.
            await users.UpdateSecurityStampAsync(user);
        }
        if (added.Count > 0)
        {
            var result = await users.AddToRolesAsync(user, added);
            if (!result.Succeeded)
            {
                return new StaffChange.Refused(Describe(result));
            }
        }
        await tx.CommitAsync(ct);
        return new StaffChange.Done(user.Id);
    }

    private static string? ValidateRoles(List<string> roles)
    {
        if (roles.Count == 0)
        {
            return "Choose at least one role.";
        }
        return roles.All(r => ClinicRoles.Staff.Contains(r, StringComparer.Ordinal))
            ? null
            : "Only staff roles can be given here.";
    }

    private static async Task<bool> UnknownSitesAsync(ClinicDbContext db, List<Guid> siteIds, CancellationToken ct) =>
        siteIds.Count > 0 && await db.Sites.CountAsync(s => siteIds.Contains(s.Id), ct) != siteIds.Count;

    private static async Task<int> OtherActiveAdminsAsync(UserManager<ClinicUser> users, Guid exceptUserId) =>
        (await users.GetUsersInRoleAsync(ClinicRoles.Admin)).Count(u => u.Id != exceptUserId && !u.IsDisabled);

    private static async Task EnsureRolesExistAsync(IServiceProvider services, IEnumerable<string> roles)
    {
        var roleManager = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
            }
        }
    }

    private static AuditEntry Change(Guid userId, string detail) =>
        new(AuditActions.AccountChange, ResourceType, userId.ToString("D", CultureInfo.InvariantCulture), null, AuditOutcome.Success, detail);

    private static string Describe(IdentityResult result) =>
        string.Join(" ", result.Errors.Select(e => e.Description));
}
