using System.Security.Claims;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Features.Fhir.Security;

public sealed class FhirSecurityOptions
{
    public const string Section = "Fhir:Security";

    /// <summary>Lifetime of an access token (default 60 minutes). There are no refresh tokens: a client asks again.</summary>
    public int AccessTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// The public base URL (e.g. https://clinic.example.org/) when the app sits behind a proxy: the token issuer, and
    /// the base of the URLs in the discovery document and the CapabilityStatement. Unset: taken from each request.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Refuse token requests over plain HTTP. Default: on in Production, off elsewhere (the demo runs on http://localhost).</summary>
    public bool? RequireHttps { get; set; }
}

/// <summary>
/// The OAuth 2.0 authorization server for FHIR clients (OpenIddict): client credentials only, JWT access tokens,
/// SMART v2 system scopes checked against what each client was registered with.
/// </summary>
internal static class FhirAuthServer
{
    public const string TokenPath = "/connect/token";

    /// <summary>Every access token names the FHIR API as its audience; validation refuses tokens for anything else.</summary>
    public const string Audience = "ketamine-clinic-fhir";

    /// <summary>Application property (OpenIddict application Properties): the client may not get tokens.</summary>
    public const string DisabledProperty = "kc_disabled";

    public const string CreatedAtProperty = "kc_created_at";

    public static IServiceCollection AddFhirAuthServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(FhirSecurityOptions.Section);
        var options = section.Get<FhirSecurityOptions>() ?? new FhirSecurityOptions();
        services.Configure<FhirSecurityOptions>(section);
        if (options.AccessTokenLifetimeMinutes is < 1 or > 24 * 60)
        {
            throw new InvalidOperationException($"{FhirSecurityOptions.Section}:AccessTokenLifetimeMinutes must be between 1 and 1440.");
        }

        services.AddSingleton<FhirTokenKeyStore>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, FhirTokenKeyLoader>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<Data.ClinicDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenLifetimeMinutes));
                // Signed, not encrypted (JWS): a resource server or a client can read and verify the token with the
                // published JWKS. It carries the client id, scopes, audience and times: nothing about a patient.
                o.DisableAccessTokenEncryption();
                // SMART scopes are patterns (system/*.rs covers system/Observation.r): the token endpoint below
                // checks each request against the client's registered scopes instead of OpenIddict's exact lists.
                o.DisableScopeValidation();
                o.IgnoreScopePermissions();
                if (options.Issuer is { Length: > 0 } issuer)
                {
                    o.SetIssuer(new Uri(issuer, UriKind.Absolute));
                }
                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!(options.RequireHttps ?? environment.IsProduction()))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
                // SMART Backend Services: the token response always states the granted scope (OpenIddict leaves it
                // out when it equals the request). The token endpoint grants exactly what was asked, or refuses.
                o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (string.IsNullOrEmpty(context.Response.Error) && string.IsNullOrEmpty(context.Response.Scope) && context.Request is { } request)
                        {
                            context.Response.Scope = string.Join(' ', request.GetScopes());
                        }
                        return default;
                    })
                    .SetOrder(int.MinValue + 50_000));
                o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseScopedHandler<TokenResponseAudit>()
                    .SetOrder(int.MinValue + 100_000));
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.AddAudiences(Audience);
                // A disabled client or a rotated secret revokes its tokens at once: each request checks the token's row.
                o.EnableTokenEntryValidation();
                // RFC 6750: tokens travel in the Authorization header, never in URLs (logs, proxies) or form bodies.
                o.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });

        services.AddSingleton<IAuthorizationHandler, FhirScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, FhirAuthorizationResultHandler>();
        services.Configure<AuthorizationOptions>(FhirPolicies.Configure);
        services.AddHostedService<FhirTokenPruning>();
        return services;
    }

    /// <summary>POST /connect/token (after OpenIddict authenticated the client): grants the requested scopes or refuses.</summary>
    public static IEndpointRouteBuilder MapFhirTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, ExchangeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing: the token endpoint runs behind OpenIddict.");
        // OpenIddict has already refused every grant but client_credentials and authenticated the client.
        if (!request.IsClientCredentialsGrantType() || request.ClientId is not { Length: > 0 } clientId)
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the client_credentials grant is offered.");
        }
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, "Unknown client.");
        }
        var client = await FhirClientRegistry.DescribeAsync(applications, application, ct);
        if (client.Disabled)
        {
            return Refuse(Errors.InvalidClient, "This client is disabled.");
        }
        var requested = request.GetScopes();
        if (requested.IsDefaultOrEmpty)
        {
            return Refuse(Errors.InvalidScope, "The scope parameter is required (SMART Backend Services), e.g. scope=system/Observation.rs.");
        }
        foreach (var text in requested)
        {
            if (!SmartScope.TryParse(text, out var scope, out var error))
            {
                return Refuse(Errors.InvalidScope, error);
            }
            if (!client.AllowedScopes.Covers(scope))
            {
                return Refuse(Errors.InvalidScope, $"'{text}' is not allowed for this client.");
            }
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.Name, FhirClientRegistry.AuditName(clientId));
        identity.SetScopes(requested);
        identity.SetAudiences(Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <summary>
/// Audits every token response: sign-in (a token was issued, with its scopes) or sign-in-failed (wrong secret,
/// unknown client, refused scope...). The actor is the client; the claimed client id of a failure is not trusted, so
/// that event's actor is anonymous and the claimed id is its resource id.
/// </summary>
internal sealed class TokenResponseAudit(
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.ClinicDbContext> contexts,
    TimeProvider clock,
    Platform.ClinicMetrics metrics) : IOpenIddictServerHandler<OpenIddictServerEvents.ApplyTokenResponseContext>
{
    public async ValueTask HandleAsync(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clientId = context.Request?.ClientId;
        var address = context.Transaction.GetHttpRequest()?.HttpContext.Connection.RemoteIpAddress?.ToString();
        var failed = !string.IsNullOrEmpty(context.Response.Error);
        var actor = new AuditActorInfo(null, failed || clientId is null ? "anonymous" : FhirClientRegistry.AuditName(clientId), null, address);
        var entry = failed
            ? new AuditEntry(AuditActions.SignInFailed, FhirClientRegistry.AuditResourceType, clientId, null, AuditOutcome.Failed,
                $"token refused: {context.Response.Error}: {context.Response.ErrorDescription}")
            : new AuditEntry(AuditActions.SignIn, FhirClientRegistry.AuditResourceType, clientId, null, AuditOutcome.Success,
                $"token issued; scopes: {context.Response.Scope}");
        await new AuditTrail(contexts, new FixedAuditActor(actor), clock, metrics).RecordAsync(entry, context.CancellationToken);
    }
}

/// <summary>Removes expired and revoked token rows now and then (token entry validation keeps one row per token).</summary>
internal sealed partial class FhirTokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FhirTokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
                var removed = await tokens.PruneAsync(clock.GetUtcNow().AddDays(-1), stoppingToken);
                LogPruned(logger, removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPruneFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} expired or revoked FHIR access token rows")]
    private static partial void LogPruned(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning FHIR access token rows failed; retrying at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
