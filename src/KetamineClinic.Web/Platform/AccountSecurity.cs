using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Platform;

/// <summary>What makes a disabled account stop working everywhere: sign-in, cookies and open Blazor circuits.</summary>
public static class AccountSecurity
{
    /// <summary>Extra cookie lifetime beyond the idle timeout, so the idle sign-out still knows who signs out.</summary>
    public static readonly TimeSpan CookieGrace = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IdentityOptionsSection security)
    {
        // A disabled account's cookie stops working at the next check: disabling also changes the security stamp.
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromMinutes(security.SecurityStampValidationMinutes));
        // Invitation links are password-reset tokens: one use (resetting changes the stamp), limited lifetime.
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = TimeSpan.FromHours(security.SetPasswordLinkHours));
        // Interactive circuits keep their user for a whole shift: re-check the account at the same interval.
        services.AddScoped<AuthenticationStateProvider, ClinicRevalidatingAuthenticationStateProvider>();
        return services;
    }
}

/// <summary>Refuses disabled accounts at sign-in and when a cookie is re-validated.</summary>
public sealed class ClinicSignInManager(
    UserManager<ClinicUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ClinicUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ClinicUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ClinicUser> confirmation)
    : SignInManager<ClinicUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ClinicUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<ClinicUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

/// <summary>
/// Re-checks an open circuit's account (enabled, same security stamp) every validation interval; when it fails the
/// circuit loses its user and the router sends the browser to sign-in.
/// </summary>
internal sealed class ClinicRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SecurityStampValidatorOptions> stampOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => stampOptions.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope;
        try
        {
            scope = scopes.CreateAsyncScope();
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping; the circuit goes with it.
            return false;
        }
        await using var _ = scope;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var principalStamp = authenticationState.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await users.GetSecurityStampAsync(user);
        return string.Equals(principalStamp, userStamp, StringComparison.Ordinal);
    }
}
