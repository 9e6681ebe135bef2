namespace OnePlace.Web.Components.Design;

/// <summary>Validation messages for one form, keyed by the id of the field they are about, in field order.</summary>
public sealed class FormErrors
{
    private readonly List<KeyValuePair<string, string>> _errors = [];

    public IReadOnlyList<KeyValuePair<string, string>> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new(field, message));

    public string? For(string field) => _errors.FirstOrDefault(e => e.Key == field).Value;

    public bool Has(string field) => For(field) is not null;

    /// <summary>The describedby value for a field: its hint and, when it has one, its error.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, Has(field) ? field + "-error" : null }.Where(i => i is not null);
        var value = string.Join(' ', ids);
        return value.Length == 0 ? null : value;
    }
}
