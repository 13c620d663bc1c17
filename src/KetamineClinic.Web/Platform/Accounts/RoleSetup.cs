using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Platform.Accounts;

public static class RoleSetup
{
    /// <summary>
    /// Creates the clinic's roles that are missing (idempotent). Runs after migration on every database, demo or
    /// not: policies name these roles, and the first administrator needs the Admin role to exist.
    /// </summary>
    public static async Task EnsureRolesAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var name in ClinicRoles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(name))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(name));
                if (!result.Succeeded && !await roles.RoleExistsAsync(name))
                {
                    // Another instance starting at the same time may have created it; anything else is fatal.
                    throw new InvalidOperationException($"Could not create role {name}: {Describe(result)}");
                }
            }
        }
    }

    internal static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
