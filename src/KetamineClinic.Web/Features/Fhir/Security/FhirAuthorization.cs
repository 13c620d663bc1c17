using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace KetamineClinic.Web.Features.Fhir.Security;

public static class FhirPolicies
{
    /// <summary>The bearer-token scheme (OpenIddict validation). Only /fhir uses it; staff pages keep the cookie.</summary>
    public const string Scheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>Any valid access token from this server (the /fhir group); each endpoint adds its scope requirement.</summary>
    public const string Client = "FhirClient";

    internal const string UnauthenticatedText =
        "A bearer access token is required: get one from /connect/token with the OAuth 2.0 client credentials grant (see /.well-known/smart-configuration).";

    internal const string RefusedTokenText =
        "The bearer access token was refused (invalid, expired or revoked): get a new one from /connect/token.";

    /// <summary>The 401 text: whether a token came with the request or not.</summary>
    internal static string ChallengeText(HttpRequest request) =>
        request.Headers.Authorization.Any(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
            ? RefusedTokenText
            : UnauthenticatedText;

    internal static void Configure(AuthorizationOptions o) =>
        o.AddPolicy(Client, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
}

/// <summary>The token must grant <paramref name="Permission"/> on <paramref name="ResourceType"/> (SMART v2 system scopes).</summary>
public sealed record FhirScopeRequirement(string ResourceType, SmartPermissions Permission) : IAuthorizationRequirement
{
    /// <summary>The narrowest scope that would satisfy the requirement, e.g. <c>system/Observation.r</c>.</summary>
    public string NeededScope => SmartScope.For(ResourceType, Permission).ToString();
}

internal sealed class FhirScopeHandler : AuthorizationHandler<FhirScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FhirScopeRequirement requirement)
    {
        // OpenIddict keeps the granted scopes as private claims of the validated access token.
        var granted = SmartScopeSet.FromGranted(context.User.GetScopes());
        if (granted.Allows(requirement.ResourceType, requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// For /fhir endpoints: 401 and 403 as OperationOutcome with the RFC 6750 WWW-Authenticate header (403 says
/// <c>insufficient_scope</c> and the scope needed), and a denied FHIR request is audited. Other endpoints keep the
/// default behaviour (cookie redirects, plain 401/403).
/// </summary>
internal sealed class FhirAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<FhirEndpointMarker>() is null || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // OpenIddict sets 401 and WWW-Authenticate (with error="invalid_token" when a token was sent but refused).
            await context.ChallengeAsync(FhirPolicies.Scheme);
            await OperationOutcomes.WriteAsync(context, StatusCodes.Status401Unauthorized, FhirIssueType.Login, FhirPolicies.ChallengeText(context.Request));
            return;
        }

        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<FhirScopeRequirement>().FirstOrDefault();
        var needed = missing?.NeededScope;
        var properties = new AuthenticationProperties(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OpenIddictValidationAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InsufficientScope,
            [OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not grant this interaction.",
            [OpenIddictValidationAspNetCoreConstants.Properties.Scope] = needed,
        });
        await context.ForbidAsync(FhirPolicies.Scheme, properties);

        var interaction = endpoint.Metadata.GetMetadata<FhirInteractionMetadata>();
        if (interaction is not null)
        {
            await context.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEntry(
                    interaction.Interaction.AuditAction(), "fhir:" + interaction.ResourceType,
                    context.Request.RouteValues["id"]?.ToString(), null, AuditOutcome.Denied,
                    $"{interaction.Interaction.Code()} refused: the token lacks {needed}"),
                context.RequestAborted);
        }
        await OperationOutcomes.WriteAsync(
            context, StatusCodes.Status403Forbidden, FhirIssueType.Forbidden,
            needed is null ? "The access token does not allow this request." : $"The access token's scopes do not include {needed} (or a scope that covers it).");
    }
}
