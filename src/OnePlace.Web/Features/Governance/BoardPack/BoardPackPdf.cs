using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Web.Resources;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>
/// The board pack as a PDF: A4 landscape, a title page (partnership, period, when it was made, the sections), then each
/// section's notes and tables (<see cref="BoardPackTables"/>) with RAG, variation and bands in words on their colour, a
/// source column on every table, the table's header repeated on each page it runs onto, and page numbers. Drawn with
/// PDFsharp in the embedded Liberation Sans (<see cref="BoardPackFonts"/>).
/// </summary>
public static class BoardPackPdf
{
    private const double Margin = 36;
    private const double CellPad = 3;

    public static byte[] Write(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        BoardPackFonts.Install();
        var sections = BoardPackTables.Of(pack, t);
        using var document = new PdfDocument();
        document.Info.Title = t["BoardPackPdfTitle", pack.Partnership, BoardPackText.Month(pack.Period)];
        document.Info.Creator = "OnePlace";
        var writer = new Writer(document);

        writer.NewPage();
        writer.Text(pack.Partnership, Fonts.Title, 48);
        writer.Text(t["BoardPackTitle_Page"], Fonts.Title, 30);
        writer.Text(BoardPackText.Month(pack.Period), Fonts.Heading, 40);
        writer.Text(t["BoardPackGenerated", pack.GeneratedAtUtc.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture)], Fonts.Body, 24);
        writer.Text(t["BoardPackContents"], Fonts.Heading, 20);
        foreach (var (section, i) in sections.Select((s, i) => (s, i)))
        {
            writer.Text($"{i + 1}. {section.Title}", Fonts.Body, 16);
        }

        writer.Gap(10);
        writer.Wrapped(t["BoardPackSourcesNote"], Fonts.Small);

        foreach (var (section, i) in sections.Select((s, i) => (s, i)))
        {
            writer.NewPage();
            writer.Text($"{i + 1}. {section.Title}", Fonts.Heading, 24);
            foreach (var note in section.Notes)
            {
                writer.Wrapped(note, Fonts.Body);
            }

            foreach (var table in section.Tables)
            {
                writer.Gap(8);
                writer.Table(table, t["BoardPackNone"]);
            }
        }

        writer.Finish(t, pack);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static class Fonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        public static readonly XFont Title = new(BoardPackFonts.Family, 24, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Heading = new(BoardPackFonts.Family, 16, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Caption = new(BoardPackFonts.Family, 10, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Body = new(BoardPackFonts.Family, 10, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Small = new(BoardPackFonts.Family, 8, XFontStyleEx.Regular, Unicode);
        public static readonly XFont SmallBold = new(BoardPackFonts.Family, 8, XFontStyleEx.Bold, Unicode);
    }

    /// <summary>Writes down the page, starting a new one when the next line or row would not fit.</summary>
    private sealed class Writer(PdfDocument document)
    {
        private static readonly XColor HeaderFill = XColor.FromArgb(0xe8, 0xed, 0xee);
        private static readonly XColor Rule = XColor.FromArgb(0xd8, 0xdd, 0xe0);
        private static readonly XColor Ink = XColor.FromArgb(0x21, 0x2b, 0x32);

        private XGraphics? _g;
        private double _y;

        private XGraphics G => _g!;

        private double Width => G.PageSize.Width - (2 * Margin);

        private double Bottom => G.PageSize.Height - Margin - 18;

        public void NewPage()
        {
            _g?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Landscape;
            _g = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        public void Gap(double points) => _y += points;

        public void Text(string text, XFont font, double advance)
        {
            Fit(advance);
            G.DrawString(text, font, new XSolidBrush(Ink), new XPoint(Margin, _y + font.Size));
            _y += advance;
        }

        public void Wrapped(string text, XFont font)
        {
            foreach (var line in Lines(text, font, Width))
            {
                Text(line, font, font.Size * 1.4);
            }

            _y += 4;
        }

        public void Table(PackTable table, string none)
        {
            var widths = table.Widths.Select(w => w / table.Widths.Sum() * Width).ToArray();
            Fit(Fonts.Caption.Size * 1.6 + 40);
            Text(table.Caption, Fonts.Caption, Fonts.Caption.Size * 1.6);
            Header(table, widths);
            if (table.Rows.Count == 0)
            {
                Text(none, Fonts.Small, 14);
                return;
            }

            foreach (var row in table.Rows)
            {
                var lines = row.Select((c, i) => Lines(c.Text, Fonts.Small, widths[i] - (2 * CellPad))).ToList();
                double height = (lines.Max(l => l.Count) * Fonts.Small.Size * 1.25) + (2 * CellPad);
                if (_y + height > Bottom)
                {
                    NewPage();
                    Header(table, widths);
                }

                double x = Margin;
                for (int i = 0; i < row.Count; i++)
                {
                    if (row[i].Colour is { } colour)
                    {
                        G.DrawRectangle(new XSolidBrush(Tint(colour)), x, _y, widths[i], height);
                        G.DrawRectangle(new XSolidBrush(XColor.FromArgb(Convert.ToInt32(colour[1..], 16) | unchecked((int)0xff000000))), x, _y, 3, height);
                    }

                    Cell(lines[i], x, widths[i], Fonts.Small, table.IsNumeric(i));
                    x += widths[i];
                }

                _y += height;
                G.DrawLine(new XPen(Rule, 0.5), Margin, _y, Margin + Width, _y);
            }
        }

        /// <summary>Numbers each page and names the pack at its foot, once every page is made.</summary>
        public void Finish(IStringLocalizer<SharedResource> t, BoardPack pack)
        {
            _g?.Dispose();
            _g = null;
            for (int i = 0; i < document.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                double y = g.PageSize.Height - Margin + 4;
                g.DrawString(t["BoardPackFooter", pack.Partnership, BoardPackText.Month(pack.Period)], Fonts.Small, new XSolidBrush(Ink), new XPoint(Margin, y));
                string number = t["BoardPackPageNumber", i + 1, document.PageCount];
                g.DrawString(number, Fonts.Small, new XSolidBrush(Ink), new XPoint(g.PageSize.Width - Margin - g.MeasureString(number, Fonts.Small).Width, y));
            }
        }

        private void Header(PackTable table, double[] widths)
        {
            var lines = table.Headers.Select((h, i) => Lines(h, Fonts.SmallBold, widths[i] - (2 * CellPad))).ToList();
            double height = (lines.Max(l => l.Count) * Fonts.SmallBold.Size * 1.25) + (2 * CellPad);
            G.DrawRectangle(new XSolidBrush(HeaderFill), Margin, _y, Width, height);
            double x = Margin;
            for (int i = 0; i < lines.Count; i++)
            {
                Cell(lines[i], x, widths[i], Fonts.SmallBold, table.IsNumeric(i));
                x += widths[i];
            }

            _y += height;
        }

        private void Cell(IReadOnlyList<string> lines, double x, double width, XFont font, bool right)
        {
            double y = _y + CellPad + font.Size;
            foreach (var line in lines)
            {
                double left = right ? x + width - CellPad - G.MeasureString(line, font).Width : x + CellPad + (right ? 0 : 2);
                G.DrawString(line, font, new XSolidBrush(Ink), new XPoint(left, y));
                y += font.Size * 1.25;
            }
        }

        private void Fit(double height)
        {
            if (_g is null || _y + height > Bottom)
            {
                NewPage();
            }
        }

        /// <summary>The text broken into lines that fit <paramref name="width"/>, at spaces, or inside a word too long for a line.</summary>
        private List<string> Lines(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                string line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    string candidate = line.Length == 0 ? word : line + " " + word;
                    if (G.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (line.Length > 1 && G.MeasureString(line, font).Width > width)
                    {
                        int cut = line.Length - 1;
                        while (cut > 1 && G.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        /// <summary>A light tint of a colour, so that dark text on it keeps its contrast.</summary>
        private static XColor Tint(string hex)
        {
            int rgb = Convert.ToInt32(hex[1..], 16);
            int Mix(int c) => c + ((255 - c) * 4 / 5);
            return XColor.FromArgb(Mix((rgb >> 16) & 0xff), Mix((rgb >> 8) & 0xff), Mix(rgb & 0xff));
        }
    }
}
