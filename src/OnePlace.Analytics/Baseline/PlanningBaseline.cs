using System.Data.Common;
using System.Diagnostics;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Baseline;

/// <summary>One row of baseline.csv: a cell's activity in a setting in the baseline year, in the setting's units, and
/// its cost in £ at the year's prices.</summary>
public sealed record BaselineActivity(string Locality, string AgeBand, string Sex, string DeprivationQuintile, string Setting, double Activity, double CostGbp);

/// <summary>One row of population.csv: the people of a cell alive on the year's mid-point.</summary>
public sealed record BaselinePopulation(string Locality, string AgeBand, string Sex, string DeprivationQuintile, long People);

/// <summary>A setting's activity and cost summed over cells (or over what could not be placed in one).</summary>
public sealed record SettingTotal(string Setting, double Activity, double CostGbp)
{
    /// <summary>Cost ÷ activity; none when there is no activity.</summary>
    public double? UnitCostGbp => Activity > 0 ? CostGbp / Activity : null;
}

/// <summary>
/// The planning baseline of a year: the activity and cost of each cell × setting, the population of each cell, and
/// what the store holds for the year that no cell can take (events of records without a person, of people without a
/// date of birth or with a sex other than F or M; people likewise), so that nothing is lost unseen.
/// </summary>
public sealed record PlanningBaselineResult(
    FrameworkPeriod Year, IReadOnlyList<BaselineActivity> Activity, IReadOnlyList<BaselinePopulation> Population,
    IReadOnlyList<SettingTotal> Unplaced, long PeopleUnplaced, TimeSpan Elapsed)
{
    /// <summary>Each setting's totals over the cells, in <see cref="BaselineSetting.All"/>'s order (settings with no
    /// activity left out).</summary>
    public IReadOnlyList<SettingTotal> Totals => [.. Activity.GroupBy(a => a.Setting, StringComparer.Ordinal)
        .Select(g => new SettingTotal(g.Key, g.Sum(a => a.Activity), g.Sum(a => a.CostGbp)))
        .OrderBy(t => BaselineSetting.Order(t.Setting))];

    /// <summary>How many locality × age band × sex × quintile cells have activity or people.</summary>
    public int Cells => Activity.Select(a => (a.Locality, a.AgeBand, a.Sex, a.DeprivationQuintile))
        .Union(Population.Select(p => (p.Locality, p.AgeBand, p.Sex, p.DeprivationQuintile))).Count();
}

/// <summary>
/// The baseline the scenario engine starts from (PRODUCT.md E2; research note D §4.2, "baseline activity A0[g,a,s,q,k]"):
/// the twelve months the outcomes framework reports on, counted from the analytical store by locality × five-year age
/// band × sex × IMD quintile × setting, with each cell's population. Aggregates only: no person's id or record leaves
/// the store.
/// </summary>
public static class PlanningBaseline
{
    /// <summary>
    /// The baseline year for data reaching <paramref name="reach"/>: the twelve whole calendar months that end last, as
    /// <c>oneplace indicators</c> takes its reporting year (<see cref="FrameworkPeriod.For"/>); its mid-point is the
    /// census date ages and the population are taken on.
    /// </summary>
    public static FrameworkPeriod YearFor(DateOnly reach) => FrameworkPeriod.For(reach, 12)[^1];

    /// <summary>The latest care event's start date (the data's reach), read without changing the store; null when
    /// the store holds no events.</summary>
    public static DateOnly? LatestEvent(AnalyticsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var duck = store.OpenForReading();
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT max(start_date) FROM care_event";
        return command.ExecuteScalar() is DateOnly date ? date : null;
    }

    /// <summary>The baseline of a year from the analytical store, opened for reading only.</summary>
    public static PlanningBaselineResult Extract(AnalyticsStore store, FrameworkPeriod year)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var connection = store.OpenForReading();
        return Extract(connection, year);
    }

    /// <summary>The baseline of a year from the analytical tables on any connection that reads them (DuckDB, or
    /// PostgreSQL for the scale-out path).</summary>
    public static PlanningBaselineResult Extract(DbConnection connection, FrameworkPeriod year)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(year);
        var clock = Stopwatch.StartNew();
        var activity = new List<BaselineActivity>();
        var unplaced = new Dictionary<string, (double Activity, double Cost)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = BaselineSql.Activity(year);
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                string setting = rows.GetString(4);
                double units = Round(rows.GetDouble(5), 6);
                double cost = Round(rows.GetDouble(6), 2);
                if (rows.IsDBNull(1) || rows.IsDBNull(2))
                {
                    var sum = unplaced.GetValueOrDefault(setting);
                    unplaced[setting] = (sum.Activity + units, sum.Cost + cost);
                }
                else
                {
                    activity.Add(new BaselineActivity(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), setting, units, cost));
                }
            }
        }

        var population = new List<BaselinePopulation>();
        long peopleUnplaced = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = BaselineSql.Population(year);
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                long people = rows.GetInt64(4);
                if (rows.IsDBNull(1) || rows.IsDBNull(2))
                {
                    peopleUnplaced += people;
                }
                else
                {
                    population.Add(new BaselinePopulation(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), people));
                }
            }
        }

        activity.Sort(static (a, b) => Compare((a.Locality, a.AgeBand, a.Sex, a.DeprivationQuintile), (b.Locality, b.AgeBand, b.Sex, b.DeprivationQuintile)) is var c and not 0
            ? c : BaselineSetting.Order(a.Setting).CompareTo(BaselineSetting.Order(b.Setting)));
        population.Sort(static (a, b) => Compare((a.Locality, a.AgeBand, a.Sex, a.DeprivationQuintile), (b.Locality, b.AgeBand, b.Sex, b.DeprivationQuintile)));
        var left = unplaced.Select(u => new SettingTotal(u.Key, u.Value.Activity, u.Value.Cost)).OrderBy(t => BaselineSetting.Order(t.Setting)).ToList();
        return new PlanningBaselineResult(year, activity, population, left, peopleUnplaced, clock.Elapsed);
    }

    /// <summary>
    /// Rounded to a millionth of a unit and to the penny: a parallel sum of doubles can differ in its last bits from
    /// run to run, and the files should be the same each time the same store is read.
    /// </summary>
    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>Cells in a stable order: locality as text (ordinal, not the database's collation), age bands by age,
    /// then sex and quintile.</summary>
    private static int Compare((string Locality, string AgeBand, string Sex, string Quintile) a, (string Locality, string AgeBand, string Sex, string Quintile) b)
    {
        int c = string.CompareOrdinal(a.Locality, b.Locality);
        if (c == 0)
        {
            c = AgeBands.LowerAge(a.AgeBand).CompareTo(AgeBands.LowerAge(b.AgeBand));
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Sex, b.Sex);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Quintile, b.Quintile);
    }
}
