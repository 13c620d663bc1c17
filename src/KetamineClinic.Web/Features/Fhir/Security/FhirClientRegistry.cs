using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>A registered FHIR client as an administrator sees it (never its secret: only a hash is stored).</summary>
public sealed record FhirClientSummary(
    string ClientId,
    string DisplayName,
    SmartScopeSet AllowedScopes,
    bool Disabled,
    DateTimeOffset? CreatedAt);

/// <summary>The outcome of a change to a client.</summary>
public abstract record FhirClientResult
{
    private FhirClientResult()
    {
    }

    /// <param name="ClientId">The client changed.</param>
    /// <param name="Secret">The new secret, shown once (register, rotate); null otherwise.</param>
    public sealed record Done(string ClientId, string? Secret) : FhirClientResult;

    /// <summary>Nothing changed; each error is a sentence for the administrator.</summary>
    public sealed record Refused(IReadOnlyList<string> Errors) : FhirClientResult;
}

/// <summary>
/// Registers and manages FHIR clients (OpenIddict applications): used by the admin page and the command line.
/// Each change runs in its own unit of work and commits with its audit event (resource type FhirClient); a
/// rotated secret or a disabled client also revokes every token the client holds.
/// </summary>
internal sealed partial class FhirClientRegistry(
    IServiceScopeFactory scopes,
    IAuditActor actor,
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicMetrics metrics)
{
    public const string AuditResourceType = "FhirClient";

    /// <summary>The audit trail's user name for a client (and the access token's name claim).</summary>
    public static string AuditName(string clientId) => "client:" + clientId;

    public async Task<IReadOnlyList<FhirClientSummary>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clients = new List<FhirClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            clients.Add(await DescribeAsync(applications, application, ct));
        }
        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task<FhirClientResult> RegisterAsync(string? clientId, string? displayName, string? scopes, CancellationToken ct)
    {
        var errors = new List<string>();
        clientId = clientId?.Trim() ?? string.Empty;
        if (!ClientIdPattern().IsMatch(clientId))
        {
            errors.Add("The client id must be 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        displayName = string.IsNullOrWhiteSpace(displayName) ? clientId : displayName.Trim();
        if (displayName.Length > 200)
        {
            errors.Add("The display name must be at most 200 characters.");
        }
        if (!SmartScopeSet.TryParse(scopes, out var allowed, out var scopeErrors))
        {
            errors.AddRange(scopeErrors);
        }
        else if (allowed.Scopes.Count == 0)
        {
            errors.Add("Give at least one scope, e.g. system/Observation.rs.");
        }
        if (errors.Count > 0)
        {
            return new FhirClientResult.Refused(errors);
        }

        return await ChangeAsync(clientId, mustExist: false, async (applications, _, db, audit) =>
        {
            var secret = GenerateSecret();
            await audit.StageAsync(db, new AuditEntry(AuditActions.Create, AuditResourceType, clientId, null, AuditOutcome.Success,
                $"FHIR client registered; scopes: {allowed}"));
            await CreateAsync(applications, clientId, displayName, secret, allowed, clock.GetUtcNow(), ct);
            return new FhirClientResult.Done(clientId, secret);
        }, ct);
    }

    public Task<FhirClientResult> RotateSecretAsync(string clientId, CancellationToken ct) =>
        ChangeAsync(clientId, mustExist: true, async (applications, tokens, db, audit) =>
        {
            var application = (await applications.FindByClientIdAsync(clientId, ct))!;
            var secret = GenerateSecret();
            await audit.StageAsync(db, new AuditEntry(AuditActions.AccountChange, AuditResourceType, clientId, null, AuditOutcome.Success,
                "client secret rotated; its tokens revoked"));
            await applications.UpdateAsync(application, secret, ct);
            await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, ct))!, ct);
            return new FhirClientResult.Done(clientId, secret);
        }, ct);

    public Task<FhirClientResult> SetDisabledAsync(string clientId, bool disabled, CancellationToken ct) =>
        ChangeAsync(clientId, mustExist: true, async (applications, tokens, db, audit) =>
        {
            var application = (await applications.FindByClientIdAsync(clientId, ct))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, ct);
            descriptor.Properties[FhirAuthServer.DisabledProperty] = JsonSerializer.SerializeToElement(disabled);
            await audit.StageAsync(db, new AuditEntry(AuditActions.AccountChange, AuditResourceType, clientId, null, AuditOutcome.Success,
                disabled ? "client disabled; its tokens revoked" : "client enabled"));
            await applications.UpdateAsync(application, descriptor, ct);
            if (disabled)
            {
                await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, ct))!, ct);
            }
            return new FhirClientResult.Done(clientId, null);
        }, ct);

    public Task<FhirClientResult> RemoveAsync(string clientId, CancellationToken ct) =>
        ChangeAsync(clientId, mustExist: true, async (applications, _, db, audit) =>
        {
            var application = (await applications.FindByClientIdAsync(clientId, ct))!;
            await audit.StageAsync(db, new AuditEntry(AuditActions.Delete, AuditResourceType, clientId, null, AuditOutcome.Success,
                "client removed with its tokens"));
            // OpenIddict's store removes the client's tokens and authorizations with it.
            await applications.DeleteAsync(application, ct);
            return new FhirClientResult.Done(clientId, null);
        }, ct);

    /// <summary>
    /// One unit of work: the OpenIddict stores and the audit event share the scope's context and its transaction, so
    /// the change, its audit event and the revocation of tokens commit together or not at all.
    /// </summary>
    private async Task<FhirClientResult> ChangeAsync(
        string clientId,
        bool mustExist,
        Func<IOpenIddictApplicationManager, IOpenIddictTokenManager, ClinicDbContext, IAuditTrail, Task<FhirClientResult>> change,
        CancellationToken ct)
    {
        // Who acts is read in the caller's scope (the HTTP request, the Blazor circuit or the command line).
        var who = await actor.CurrentAsync();
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var audit = new AuditTrail(contexts, new FixedAuditActor(who), clock, metrics);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var exists = await applications.FindByClientIdAsync(clientId, ct) is not null;
        if (exists != mustExist)
        {
            return new FhirClientResult.Refused([mustExist ? $"There is no FHIR client '{clientId}'." : $"A FHIR client '{clientId}' already exists."]);
        }
        var result = await change(applications, tokens, db, audit);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Creates the OpenIddict application of a FHIR client (confidential, client credentials only).</summary>
    internal static async Task CreateAsync(
        IOpenIddictApplicationManager applications, string clientId, string displayName, string secret,
        SmartScopeSet allowed, DateTimeOffset createdAt, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in allowed.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        descriptor.Properties[FhirAuthServer.CreatedAtProperty] =
            JsonSerializer.SerializeToElement(createdAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        await applications.CreateAsync(descriptor, ct);
    }

    /// <summary>What the token endpoint and the admin page need to know about an application.</summary>
    internal static async Task<FhirClientSummary> DescribeAsync(IOpenIddictApplicationManager applications, object application, CancellationToken ct)
    {
        var permissions = await applications.GetPermissionsAsync(application, ct);
        var allowed = SmartScopeSet.FromGranted(permissions
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]));
        var properties = await applications.GetPropertiesAsync(application, ct);
        var disabled = properties.TryGetValue(FhirAuthServer.DisabledProperty, out var d) && d.ValueKind == JsonValueKind.True;
        DateTimeOffset? created = properties.TryGetValue(FhirAuthServer.CreatedAtProperty, out var c) && c.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var clientId = await applications.GetClientIdAsync(application, ct) ?? string.Empty;
        return new FhirClientSummary(clientId, await applications.GetDisplayNameAsync(application, ct) ?? clientId, allowed, disabled, created);
    }

    /// <summary>256 random bits, base64url (43 characters).</summary>
    internal static string GenerateSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ClientIdPattern();
}
