using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Core.Exports;

/// <summary>
/// A CSV writer for files people open in a spreadsheet. Text that begins with = + - @, a tab or a carriage return is
/// written with a leading apostrophe, so that Excel or LibreOffice shows it as text instead of running it as a formula
/// (OWASP "CSV Injection"; OWASP ASVS 5.0 V1.2.10). Names in exports come from imports and forms (a scheme, a locality,
/// an indicator), so any of them may carry <c>=cmd|' /C calc'!A0</c>. Numbers are left as they are: a negative amount
/// is a number, not a formula, and must stay readable as one.
/// </summary>
public sealed class SpreadsheetSafeCsvWriter(TextWriter writer, bool leaveOpen = false)
    : CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }, leaveOpen)
{
    protected override string? SanitizeForInjection(string? field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? field : base.SanitizeForInjection(field);
}
