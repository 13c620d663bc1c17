using System.Security.Cryptography;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>
/// A key of the token server, kept in the database so that tokens survive a restart and every instance of the app
/// (several behind a load balancer) signs and checks with the same keys. See docs/adr/*-fhir-oauth-openiddict.md.
/// </summary>
public sealed class FhirTokenKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public Guid Id { get; set; }

    /// <summary><see cref="Signing"/> (RSA 2048, RS256) or <see cref="Encryption"/> (AES-256 key wrap).</summary>
    public string Purpose { get; set; } = string.Empty;

    /// <summary>1 for the first key of a purpose; a rotation adds the next generation, which then signs.</summary>
    public int Generation { get; set; }

    /// <summary>RSA: PKCS#8 private key; AES: the raw key. Base64.</summary>
    public string Material { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class FhirTokenKeyConfiguration : IEntityTypeConfiguration<FhirTokenKey>
{
    public void Configure(EntityTypeBuilder<FhirTokenKey> b)
    {
        b.ToTable("FhirTokenKeys");
        b.Property(x => x.Purpose).HasMaxLength(20);
        b.Property(x => x.Material).HasMaxLength(4000);
        // Two instances starting together on an empty database: one insert wins, the other reloads.
        b.HasIndex(x => new { x.Purpose, x.Generation }).IsUnique();
    }
}

/// <summary>Loads the token keys, creating generation 1 of each purpose on first use.</summary>
internal sealed class FhirTokenKeyStore(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<FhirTokenKey>> LoadOrCreateAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var keys = await db.Set<FhirTokenKey>().AsNoTracking().ToListAsync(ct);
            var missing = new[] { FhirTokenKey.Signing, FhirTokenKey.Encryption }.Where(p => !keys.Any(k => k.Purpose == p)).ToList();
            if (missing.Count == 0)
            {
                return [.. keys.OrderBy(k => k.Purpose, StringComparer.Ordinal).ThenByDescending(k => k.Generation)];
            }
            foreach (var purpose in missing)
            {
                db.Add(new FhirTokenKey
                {
                    Id = Guid.NewGuid(),
                    Purpose = purpose,
                    Generation = 1,
                    Material = purpose == FhirTokenKey.Signing ? NewRsaKey() : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    CreatedAt = clock.GetUtcNow(),
                });
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance created them first: load theirs.
            }
        }
    }

    private static string NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }
}

/// <summary>
/// Gives the OpenIddict server its keys from the database, once, when its options are first built (the first token
/// request or FHIR call, after startup has migrated). Newest generation first: OpenIddict signs with the first key
/// and accepts tokens signed by any of them.
/// </summary>
internal sealed class FhirTokenKeyLoader(FhirTokenKeyStore store) : IConfigureOptions<OpenIddictServerOptions>, IDisposable
{
    private readonly List<RSA> _rsaKeys = [];

    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Options are built synchronously; this runs once per process.
        var keys = store.LoadOrCreateAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var key in keys.Where(k => k.Purpose == FhirTokenKey.Signing))
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key.Material), out _);
            _rsaKeys.Add(rsa);
            options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Id.ToString("N") }, SecurityAlgorithms.RsaSha256));
        }
        foreach (var key in keys.Where(k => k.Purpose == FhirTokenKey.Encryption))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key.Material)) { KeyId = key.Id.ToString("N") },
                SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    public void Dispose()
    {
        foreach (var rsa in _rsaKeys)
        {
            rsa.Dispose();
        }
    }
}
