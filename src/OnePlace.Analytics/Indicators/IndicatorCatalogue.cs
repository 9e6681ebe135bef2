using System.Globalization;
using System.Text.RegularExpressions;
using OnePlace.Analytics.Spc;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OnePlace.Analytics.Indicators;

/// <summary>An indicator file that cannot be used; the message names the file and what is wrong.</summary>
public sealed class IndicatorFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The outcomes framework's indicators, one YAML file each in a folder (default <c>indicators/</c>; the format is in
/// docs/indicators.md). Every file is checked before any is used, so a framework never runs half-defined: the first
/// problem found in each file is reported together.
/// </summary>
public static partial class IndicatorCatalogue
{
    public const string DefaultFolder = "indicators";

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads every <c>*.yaml</c> file in the folder, in order of id.</summary>
    /// <exception cref="IndicatorFileException">The folder is missing or empty, a file is invalid, or two share an id.</exception>
    public static IReadOnlyList<IndicatorDefinition> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new IndicatorFileException($"There is no indicator folder at {Path.GetFullPath(folder)}.");
        }

        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new IndicatorFileException($"The indicator folder {Path.GetFullPath(folder)} has no .yaml files.");
        }

        var indicators = new List<IndicatorDefinition>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                indicators.Add(Parse(File.ReadAllText(file), Path.GetFileName(file)));
            }
            catch (IndicatorFileException e)
            {
                problems.Add(e.Message);
            }
        }

        foreach (var twice in indicators.GroupBy(i => i.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", twice.Select(i => i.File))}: the id {twice.Key} is used more than once.");
        }

        if (problems.Count > 0)
        {
            throw new IndicatorFileException(string.Join(Environment.NewLine, problems));
        }

        return [.. indicators.OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>Reads one indicator from YAML text.</summary>
    /// <exception cref="IndicatorFileException">The text is not a valid indicator (the message says why).</exception>
    public static IndicatorDefinition Parse(string yaml, string file)
    {
        IndicatorFile raw;
        try
        {
            raw = Reader.Deserialize<IndicatorFile>(yaml) ?? throw new IndicatorFileException($"{file}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new IndicatorFileException($"{file}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new IndicatorFileException($"{file}: '{field}' is required.") : value.Trim();

        string id = Required(raw.Id, "id");
        if (!IdPattern().IsMatch(id))
        {
            throw new IndicatorFileException($"{file}: the id '{id}' must be lower-case letters, digits and hyphens.");
        }

        if (raw.Version is not > 0)
        {
            throw new IndicatorFileException($"{file}: 'version' must be a whole number from 1 (raise it when the definition changes).");
        }

        var statistic = Required(raw.Statistic, "statistic") switch
        {
            "proportion" => IndicatorStatistic.Proportion,
            "crude_rate" => IndicatorStatistic.CrudeRate,
            "dsr" => IndicatorStatistic.Dsr,
            "mean" => IndicatorStatistic.Mean,
            var other => throw new IndicatorFileException($"{file}: the statistic '{other}' is not one of proportion, crude_rate, dsr, mean."),
        };
        var polarity = Required(raw.Polarity, "polarity") switch
        {
            "higher" => Polarity.HigherIsBetter,
            "lower" => Polarity.LowerIsBetter,
            "neutral" => Polarity.Neutral,
            var other => throw new IndicatorFileException($"{file}: the polarity '{other}' is not one of higher, lower, neutral."),
        };

        var denominator = Part(raw.Denominator, "denominator", file) ?? throw new IndicatorFileException($"{file}: 'denominator' is required.");
        var numerator = Part(raw.Numerator, "numerator", file) ?? new IndicatorPart(null, null, null, null);
        if (denominator.From is null)
        {
            throw new IndicatorFileException($"{file}: the denominator needs 'from' (events, referrals or people).");
        }

        bool rate = statistic is IndicatorStatistic.CrudeRate or IndicatorStatistic.Dsr;
        if (rate && (numerator.From is null or IndicatorSource.People || denominator.From != IndicatorSource.People))
        {
            throw new IndicatorFileException($"{file}: a rate counts events or referrals ('numerator.from') over people ('denominator.from: people').");
        }

        if (!rate && numerator.From is not null)
        {
            throw new IndicatorFileException($"{file}: a {raw.Statistic}'s numerator is a subset of its denominator's rows, so it has no 'from'.");
        }

        if (statistic == IndicatorStatistic.Mean && numerator.Value is null)
        {
            throw new IndicatorFileException($"{file}: a mean needs 'numerator.value', the value averaged.");
        }

        if (statistic == IndicatorStatistic.Proportion && (numerator.Value is not null || denominator.Value is not null))
        {
            throw new IndicatorFileException($"{file}: a proportion counts rows; it takes no 'value'.");
        }

        var breakdowns = new List<Breakdown>();
        foreach (var name in raw.Breakdowns ?? [.. Breakdowns.All.Select(b => b.Name())])
        {
            breakdowns.Add(Breakdowns.Parse(name) ?? throw new IndicatorFileException(
                $"{file}: the breakdown '{name}' is not one of {string.Join(", ", Breakdowns.All.Select(b => b.Name()))}."));
        }

        double multiplier = raw.Multiplier ?? (statistic switch
        {
            IndicatorStatistic.Proportion => 100,
            IndicatorStatistic.Mean => 1,
            _ => 100_000,
        });
        if (!(multiplier > 0))
        {
            throw new IndicatorFileException($"{file}: 'multiplier' must be above 0.");
        }

        string? population = Condition(raw.Population, "population", file);
        return new IndicatorDefinition(
            id, raw.Version.Value, Required(raw.Title, "title"), Required(raw.Definition, "definition"), Required(raw.Domain, "domain"),
            statistic, multiplier, Required(raw.Unit, "unit"), polarity,
            raw.Target is { } t ? new IndicatorTarget(t.Value ?? throw new IndicatorFileException($"{file}: 'target.value' is required."), t.Source) : null,
            population, numerator, denominator, breakdowns, Required(raw.Source, "source"), raw.Reference?.Trim(), file);
    }

    private static IndicatorPart? Part(PartFile? raw, string side, string file)
    {
        if (raw is null)
        {
            return null;
        }

        IndicatorSource? from = raw.From switch
        {
            null => null,
            "events" => IndicatorSource.Events,
            "referrals" => IndicatorSource.Referrals,
            "people" => IndicatorSource.People,
            var other => throw new IndicatorFileException($"{file}: '{side}.from' is '{other}', not one of events, referrals, people."),
        };
        string? date = raw.Date?.Trim();
        if (date is not null && from != IndicatorSource.Events && !(from is null && side == "numerator"))
        {
            throw new IndicatorFileException($"{file}: '{side}.date' applies to events only.");
        }

        if (date is not null and not ("start_date" or "end_date"))
        {
            throw new IndicatorFileException($"{file}: '{side}.date' is '{date}', not start_date or end_date.");
        }

        return new IndicatorPart(from, Condition(raw.Where, $"{side}.where", file), date, Condition(raw.Value, $"{side}.value", file));
    }

    /// <summary>
    /// A SQL fragment from a file. Indicator files are part of the framework's reviewed configuration, not user input,
    /// but a fragment is still refused if it could end the statement or hide text from review: a semicolon or a
    /// comment marker.
    /// </summary>
    private static string? Condition(string? sql, string field, string file)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return null;
        }

        if (sql.Contains(';', StringComparison.Ordinal) || sql.Contains("--", StringComparison.Ordinal) || sql.Contains("/*", StringComparison.Ordinal))
        {
            throw new IndicatorFileException($"{file}: '{field}' may not contain ';', '--' or '/*'.");
        }

        return sql.Trim();
    }

    /// <summary>The target as shown, in the indicator's unit.</summary>
    public static string Describe(IndicatorTarget target) => target.Value.ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    // The file's shape, as YamlDotNet reads it; unknown keys are refused by the reader.
    private sealed class IndicatorFile
    {
        public string? Id { get; set; }
        public int? Version { get; set; }
        public string? Title { get; set; }
        public string? Definition { get; set; }
        public string? Domain { get; set; }
        public string? Statistic { get; set; }
        public double? Multiplier { get; set; }
        public string? Unit { get; set; }
        public string? Polarity { get; set; }
        public TargetFile? Target { get; set; }
        public string? Population { get; set; }
        public PartFile? Numerator { get; set; }
        public PartFile? Denominator { get; set; }
        public List<string>? Breakdowns { get; set; }
        public string? Source { get; set; }
        public string? Reference { get; set; }
    }

    private sealed class PartFile
    {
        public string? From { get; set; }
        public string? Where { get; set; }
        public string? Date { get; set; }
        public string? Value { get; set; }
    }

    private sealed class TargetFile
    {
        public double? Value { get; set; }
        public string? Source { get; set; }
    }
}
