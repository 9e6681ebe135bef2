namespace OnePlace.Core.ApiClients;

/// <summary>
/// A client system registered to send referrals through the JSON API or FHIR (a GP system, NHS 111, the hospital's
/// discharge hub). It exchanges its id and secret for a short-lived bearer token (OAuth 2.0 client credentials,
/// RFC 6749 §4.4). Only a hash of the secret is kept.
/// </summary>
public sealed class ApiClient
{
    public required string ClientId { get; set; }
    public required string Name { get; set; }
    public required string Organisation { get; set; }
    public required string SecretHash { get; set; }
    public DateTime RegisteredAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}
