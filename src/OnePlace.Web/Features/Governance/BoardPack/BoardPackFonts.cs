using PdfSharp.Fonts;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>
/// The board pack's one typeface, Liberation Sans regular and bold (SIL Open Font Licence 1.1; Fonts/OFL.txt and
/// NOTICE), read from the program's embedded resources, so that the PDF is the same whatever fonts the host has
/// installed. Every family PDFsharp asks for is answered with it.
/// </summary>
public sealed class BoardPackFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private const string Regular = "LiberationSans-Regular";
    private const string Bold = "LiberationSans-Bold";

    private static readonly Lock Gate = new();

    /// <summary>Gives PDFsharp this resolver, once per process (PDFsharp keeps one for the process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not BoardPackFonts)
            {
                GlobalFontSettings.FontResolver = new BoardPackFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(BoardPackFonts).Assembly.GetManifestResourceStream($"OnePlace.BoardPack.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the program.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
