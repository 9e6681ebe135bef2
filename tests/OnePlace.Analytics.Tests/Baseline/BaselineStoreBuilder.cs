using System.Globalization;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Tests.Baseline;

/// <summary>
/// Builds a small analytical store person by person and event by event, for baselines whose every figure can be
/// counted by hand. Two localities: North (small area N1, IMD decile 1, so quintile 1) and South (S1, decile 10, so
/// quintile 5); a person given no small area has neither (locality Unknown, quintile U).
/// </summary>
internal sealed class BaselineStoreBuilder(AnalyticsStore store)
{
    private readonly List<string> _sql =
    [
        "INSERT INTO locality VALUES ('N', 'North'), ('S', 'South')",
        "INSERT INTO small_area VALUES ('N1', 'N', 1), ('S1', 'S', 10)",
    ];

    private int _people;
    private long _events;

    /// <summary>A person with one partner record; returns the record's id, which their events are given.</summary>
    public long Person(string sex = "F", string born = "1950-01-01", string? area = "N1", string? died = null)
    {
        int n = ++_people;
        _sql.Add($"INSERT INTO person VALUES ('{Id(n)}', '{sex}', DATE '{born}', {Date(died)}, {Text(area)}, NULL, 'A', 'P1')");
        _sql.Add($"INSERT INTO source_record VALUES ({n}, 'gp', '{Id(n)}')");
        return n;
    }

    /// <summary>A partner record that no person has (not linked).</summary>
    public long RecordWithoutPerson()
    {
        int n = ++_people;
        _sql.Add($"INSERT INTO source_record VALUES ({n}, 'hospital', NULL)");
        return n;
    }

    public BaselineStoreBuilder Event(long record, string type, string start, string? end = null, double? hours = null, double? cost = null)
    {
        _sql.Add(string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO care_event VALUES ({++_events}, {record}, 'council', '{type}', DATE '{start}', {Date(end)}, NULL, NULL, NULL, {Number(hours)}, {Number(cost)}, NULL)"));
        return this;
    }

    public AnalyticsStore Build()
    {
        using var duck = store.Open();
        foreach (var statement in _sql)
        {
            AnalyticsStore.Execute(duck, statement);
        }

        return store;
    }

    private static string Id(int i) => $"00000000-0000-0000-0000-{i:000000000000}";

    private static string Date(string? day) => day is null ? "NULL" : $"DATE '{day}'";

    private static string Text(string? value) => value is null ? "NULL" : $"'{value}'";

    private static string Number(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "NULL";
}
