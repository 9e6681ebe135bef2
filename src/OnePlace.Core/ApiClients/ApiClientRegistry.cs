using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.ApiClients;

/// <summary>
/// Registers client systems and checks their credentials. The secret is 32 random bytes, shown once at registration
/// and kept only as a salted PBKDF2 hash (ASP.NET Core Identity's password hasher), like a staff password.
/// </summary>
public sealed class ApiClientRegistry(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    private static readonly PasswordHasher<ApiClient> Hasher = new();

    /// <summary>Registers a client and returns its secret (the only time it is ever available).</summary>
    public async Task<string> RegisterAsync(string actor, string clientId, string name, string organisation, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(clientId))
        {
            throw new ArgumentException("A client id is 1 to 64 letters, digits, '-', '_' or '.'.", nameof(clientId));
        }

        if (await db.ApiClients.AnyAsync(c => c.ClientId == clientId, cancellationToken))
        {
            throw new InvalidOperationException($"A client called '{clientId}' is already registered.");
        }

        string secret = NewSecret();
        var client = new ApiClient
        {
            ClientId = clientId,
            Name = name,
            Organisation = organisation,
            SecretHash = "",
            RegisteredAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        client.SecretHash = Hasher.HashPassword(client, secret);
        db.ApiClients.Add(client);
        audit.Add(actor, "api_client.registered", detail: $"client={clientId}; organisation={organisation}");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>
    /// Gives a registered client a new secret (the old one stops working at once), or registers it if it is new;
    /// returns the secret. Demo mode uses this on every start, as it does for the demo staff passwords.
    /// </summary>
    public async Task<string> RenewSecretAsync(string actor, string clientId, string name, string organisation, CancellationToken cancellationToken = default)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return await RegisterAsync(actor, clientId, name, organisation, cancellationToken);
        }

        string secret = NewSecret();
        client.SecretHash = Hasher.HashPassword(client, secret);
        client.RevokedAtUtc = null;
        audit.Add(actor, "api_client.secret_renewed", detail: $"client={clientId}");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The client when the id and secret are right and it is not revoked; otherwise null.</summary>
    public async Task<ApiClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (!IsWellFormed(clientId))
        {
            // No client can have this id, so it is not looked up; nor is it written into the audit log as given, where a
            // long or control-laden value could forge or flood lines (OWASP ASVS 5.0 V16.4.1, log injection).
            audit.Add(ActorName(MalformedClientId), "api_client.token_refused", detail: $"client id not well formed ({clientId.Length} characters)");
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAtUtc == null, cancellationToken);
        bool ok = client is not null && Hasher.VerifyHashedPassword(client, client.SecretHash, secret) != PasswordVerificationResult.Failed;
        audit.Add(ActorName(clientId), ok ? "api_client.token_issued" : "api_client.token_refused");
        await db.SaveChangesAsync(cancellationToken);
        return ok ? client : null;
    }

    /// <summary>The id recorded in the audit log for a refused token request whose client id was not well formed.</summary>
    public const string MalformedClientId = "(not-well-formed)";

    /// <summary>A client id is 1 to 64 ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsWellFormed(string? clientId) =>
        !string.IsNullOrWhiteSpace(clientId) && clientId.Length <= 64 && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The name a client system goes by in the audit log and on the referrals it sends.</summary>
    public static string ActorName(string clientId) => "client:" + clientId;
}
