using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Web.Features.Startup;

namespace OnePlace.Web.Tests;

public sealed class DataProtectionTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("oneplace-keys-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Instances_sharing_a_keys_folder_read_each_others_protected_data()
    {
        var settings = new Dictionary<string, string?> { [DataProtectionRegistration.KeysFolderKey] = folder.FullName };
        string sealedText = Protector(settings).Protect("session");

        Assert.NotEmpty(folder.GetFiles("key-*.xml"));
        Assert.Equal("session", Protector(settings).Unprotect(sealedText));

        // Without the shared folder another instance has keys of its own and cannot read it.
        var elsewhere = Directory.CreateTempSubdirectory("oneplace-keys-");
        try
        {
            var other = Protector(new Dictionary<string, string?> { [DataProtectionRegistration.KeysFolderKey] = elsewhere.FullName });
            Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(sealedText));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void With_a_certificate_the_keys_are_encrypted_at_rest()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OnePlace data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string pfx = Path.Combine(folder.FullName, "protection.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "test-only"));
        string keys = Path.Combine(folder.FullName, "keys");

        var settings = new Dictionary<string, string?>
        {
            [DataProtectionRegistration.KeysFolderKey] = keys,
            [DataProtectionRegistration.CertificatePathKey] = pfx,
            [DataProtectionRegistration.CertificatePasswordKey] = "test-only",
        };
        string sealedText = Protector(settings).Protect("session");

        string xml = File.ReadAllText(Directory.GetFiles(keys, "key-*.xml").Single());
        Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Equal("session", Protector(settings).Unprotect(sealedText));
    }

    private static IDataProtector Protector(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection().AddOnePlaceDataProtection(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("OnePlace.Tests");
    }
}
