using System.Text;
using QRCoder;

namespace OnePlace.Web.Features.SignIn;

/// <summary>How a shared TOTP key is shown to a member of staff setting up an authenticator app.</summary>
public static class AuthenticatorKey
{
    public const string Issuer = "OnePlace";

    /// <summary>The base32 key in groups of four, lower case, as authenticator apps accept it typed in.</summary>
    public static string Format(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (int i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The Key Uri Format authenticator apps read (otpauth://totp/ISSUER:ACCOUNT?secret=…&amp;issuer=…; RFC 6238
    /// defaults: SHA-1, 6 digits, 30 seconds, which is what Identity's authenticator token provider checks).</summary>
    public static string OtpAuthUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The URI as a QR code, an SVG drawn on the server: no request leaves for an outside QR service, which
    /// would learn the shared key.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
