using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace OnePlace.Web.Features.Startup;

/// <summary>
/// The keys that protect the sign-in cookie, client systems' bearer tokens and antiforgery tokens (ASP.NET Core Data
/// Protection). Left alone, each machine keeps its own keys in the service account's home folder, unencrypted: a
/// second instance cannot read the first one's cookies, and anyone who can read that folder can forge a session.
/// So the keys' folder and the certificate that encrypts them at rest are configuration (ASVS 5.0 11.1.1 key
/// management, 13.3.1 secrets kept out of the application's files):
/// <c>DataProtection:KeysFolder</c> (shared by every instance of one deployment), <c>DataProtection:Certificate:Path</c>
/// (a PKCS#12 file) and <c>DataProtection:Certificate:Password</c>, which belongs in the environment or a secret
/// store, never in appsettings. Keys are rotated by the framework every 90 days.
/// </summary>
public static class DataProtectionRegistration
{
    public const string KeysFolderKey = "DataProtection:KeysFolder";
    public const string CertificatePathKey = "DataProtection:Certificate:Path";
    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";

    /// <summary>One name for every instance, so that instances sharing a keys folder read each other's cookies.</summary>
    public const string ApplicationName = "OnePlace";

    public static IServiceCollection AddOnePlaceDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (configuration[KeysFolderKey] is { Length: > 0 } folder)
        {
            protection.PersistKeysToFileSystem(System.IO.Directory.CreateDirectory(folder));
        }

        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"{CertificatePathKey} ({path}) holds no private key, so it cannot decrypt the keys it protects.");
            }

            protection.ProtectKeysWithCertificate(certificate);
        }

        return services;
    }
}
