using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OnePlace.Planning.Appraisal;

/// <summary>An appraisal file that cannot be used; the message names the file and each problem.</summary>
public sealed class AppraisalFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Options appraisals as YAML files (<c>appraisals/</c>; docs/scenarios.md, "Options appraisal"): criteria
/// with weights, options with a score on every criterion. Checked whole; every problem reported together.</summary>
public static partial class AppraisalFile
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static OptionsAppraisal Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), Path.GetFileName(path)) : throw new AppraisalFileException($"There is no appraisal file at {Path.GetFullPath(path)}.");

    public static OptionsAppraisal Parse(string yaml, string file)
    {
        RawAppraisal raw;
        try
        {
            raw = Reader.Deserialize<RawAppraisal>(yaml) ?? throw new AppraisalFileException($"{file}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new AppraisalFileException($"{file}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(raw.Id) || !IdPattern().IsMatch(raw.Id))
        {
            problems.Add($"{file}: 'id' is required: lower-case letters, digits and hyphens.");
        }

        double min = Number(raw.Scale?.Min) ?? 0;
        double max = Number(raw.Scale?.Max) ?? 5;
        var criteria = new List<Criterion>();
        foreach (var (c, i) in (raw.Criteria ?? []).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(c.Id))
            {
                problems.Add($"{file}: criteria[{i}] needs an 'id'.");
                continue;
            }

            if (Number(c.Weight) is not { } weight || weight < 0)
            {
                problems.Add($"{file}: the criterion {c.Id} needs a 'weight' of 0 or more.");
                continue;
            }

            criteria.Add(new Criterion(c.Id, c.Name ?? c.Id, weight));
        }

        if (criteria.Count == 0 || criteria.Sum(c => c.Weight) <= 0)
        {
            problems.Add($"{file}: 'criteria' must list at least one criterion with a weight above 0.");
        }

        foreach (var twice in criteria.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{file}: the criterion id '{twice.Key}' is used more than once.");
        }

        var options = new List<AppraisalOption>();
        foreach (var (o, i) in (raw.Options ?? []).Select((o, i) => (o, i)))
        {
            string id = o.Id ?? $"options[{i}]";
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var criterion in criteria)
            {
                if (o.Scores?.GetValueOrDefault(criterion.Id) is not { } text || Number(text) is not { } score)
                {
                    problems.Add($"{file}: the option {id} has no score for the criterion {criterion.Id}.");
                }
                else if (score < min || score > max)
                {
                    problems.Add($"{file}: the option {id} scores {score} on {criterion.Id}, outside the scale {min} to {max}.");
                }
                else
                {
                    scores[criterion.Id] = score;
                }
            }

            foreach (var unknown in (o.Scores ?? []).Keys.Where(k => criteria.All(c => c.Id != k)))
            {
                problems.Add($"{file}: the option {id} scores '{unknown}', which is not a criterion.");
            }

            options.Add(new AppraisalOption(id, o.Name ?? id, scores));
        }

        if (options.Count < 2)
        {
            problems.Add($"{file}: 'options' must list at least two options.");
        }

        return problems.Count > 0
            ? throw new AppraisalFileException(string.Join(Environment.NewLine, problems))
            : new OptionsAppraisal(raw.Id!, raw.Title ?? raw.Id!, criteria, options) { Source = raw.Source };
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

#pragma warning disable CA1812, CA2227 // Instantiated and filled by YamlDotNet.
    private sealed class RawAppraisal
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Source { get; set; }

        public RawScale? Scale { get; set; }

        public List<RawCriterion>? Criteria { get; set; }

        public List<RawOption>? Options { get; set; }
    }

    private sealed class RawScale
    {
        public string? Min { get; set; }

        public string? Max { get; set; }
    }

    private sealed class RawCriterion
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Weight { get; set; }
    }

    private sealed class RawOption
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public Dictionary<string, string>? Scores { get; set; }
    }
#pragma warning restore CA1812, CA2227
}
