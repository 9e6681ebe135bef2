using System.Globalization;
using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;
using YamlDotNet.RepresentationModel;

namespace OnePlace.Web.Features.Planning;

/// <summary>An intervention as the editor sets it: the share avoided at full effect (an 80% interval) and its phasing.</summary>
public sealed record InterventionEdit(string Id, string Name, Interval Share, int Start, int Full, PhasingProfile Profile);

/// <summary>A cost improvement programme as the editor sets it: its annual share of unit cost saved (an 80% interval).</summary>
public sealed record EfficiencyEdit(string Id, string Name, Interval Cip);

/// <summary>
/// The scenario editor's changes to a model, read from the editor form's fields (shares in per cent, years as the
/// financial year they start in), checked whole: any bad field is named with its reason and no change is applied.
/// The same changes can be written into the scenario file's YAML, so that an edited scenario is kept as a file.
/// </summary>
public sealed class ScenarioEdits
{
    private ScenarioEdits(IReadOnlyList<InterventionEdit> interventions, IReadOnlyList<EfficiencyEdit> efficiencies, IReadOnlyList<string> problems)
    {
        Interventions = interventions;
        Efficiencies = efficiencies;
        Problems = problems;
    }

    public IReadOnlyList<InterventionEdit> Interventions { get; }

    public IReadOnlyList<EfficiencyEdit> Efficiencies { get; }

    /// <summary>Each bad field with its reason; when any, <see cref="Apply"/> leaves the model as it is.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The model's own values, as the editor first shows them.</summary>
    public static ScenarioEdits Of(ScenarioModel model) => new(
        [.. model.Interventions.Select(m => new InterventionEdit(m.Id, m.Name, m.ShareAvoided, m.Phasing.Start, m.Phasing.Full, m.Phasing.Profile))],
        [.. model.Efficiencies.Where(e => e.Cip is not null).Select(e => new EfficiencyEdit(e.Id, e.Name, e.Cip!.Value))],
        []);

    /// <summary>Reads the editor's fields; a field not given keeps the model's value.</summary>
    public static ScenarioEdits Read(ScenarioModel model, Func<string, string?> field)
    {
        var problems = new List<string>();
        int first = model.BaselineYear + 1;
        int last = model.BaselineYear + model.HorizonYears;
        var interventions = new List<InterventionEdit>();
        foreach (var m in model.Interventions)
        {
            var share = Percentages(field, m.Id, m.Name, m.ShareAvoided, problems);
            int start = Year(field($"{m.Id}.start"), m.Phasing.Start, first, last, $"{m.Name}: the first year", problems);
            int full = Year(field($"{m.Id}.full"), m.Phasing.Full, first, last, $"{m.Name}: the year of full effect", problems);
            var profile = m.Phasing.Profile;
            if (field($"{m.Id}.profile") is { Length: > 0 } text)
            {
                if (!Enum.TryParse(text, ignoreCase: true, out profile) || !Enum.IsDefined(profile))
                {
                    problems.Add($"{m.Name}: the phasing must be linear, front, back or step.");
                }
            }

            if (full < start)
            {
                problems.Add($"{m.Name}: the year of full effect cannot come before the first year.");
            }

            interventions.Add(new InterventionEdit(m.Id, m.Name, share, start, full, profile));
        }

        var efficiencies = new List<EfficiencyEdit>();
        foreach (var e in model.Efficiencies.Where(e => e.Cip is not null))
        {
            efficiencies.Add(new EfficiencyEdit(e.Id, e.Name, Percentages(field, e.Id, e.Name, e.Cip!.Value, problems)));
        }

        return new ScenarioEdits(interventions, efficiencies, problems);
    }

    /// <summary>Whether any value differs from the model's.</summary>
    public bool Changes(ScenarioModel model)
    {
        var own = Of(model);
        return !own.Interventions.SequenceEqual(Interventions) || !own.Efficiencies.SequenceEqual(Efficiencies);
    }

    /// <summary>The model with the changes, or the model itself when any field was bad.</summary>
    public ScenarioModel Apply(ScenarioModel model)
    {
        if (Problems.Count > 0)
        {
            return model;
        }

        var interventions = Interventions.ToDictionary(e => e.Id);
        var efficiencies = Efficiencies.ToDictionary(e => e.Id);
        return model with
        {
            Interventions = [.. model.Interventions.Select(m => interventions.TryGetValue(m.Id, out var e)
                ? m with { ShareAvoided = e.Share, Phasing = new Phasing(e.Start, e.Full, e.Profile) }
                : m)],
            Efficiencies = [.. model.Efficiencies.Select(x => efficiencies.TryGetValue(x.Id, out var e) ? x with { Cip = e.Cip } : x)],
        };
    }

    /// <summary>The editor's fields and values, to carry the changes to the exports and the file download.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields()
    {
        foreach (var m in Interventions)
        {
            yield return new($"{m.Id}.low", Percent(m.Share.Low));
            yield return new($"{m.Id}.high", Percent(m.Share.High));
            yield return new($"{m.Id}.start", m.Start.ToString(CultureInfo.InvariantCulture));
            yield return new($"{m.Id}.full", m.Full.ToString(CultureInfo.InvariantCulture));
            yield return new($"{m.Id}.profile", m.Profile.ToString().ToLowerInvariant());
        }

        foreach (var e in Efficiencies)
        {
            yield return new($"{e.Id}.low", Percent(e.Cip.Low));
            yield return new($"{e.Id}.high", Percent(e.Cip.High));
        }
    }

    /// <summary>A share as the form shows it: per cent, invariant digits.</summary>
    public static string Percent(double share) => Math.Round(share * 100, 6).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// The scenario file's YAML with the changes written in: each intervention's <c>share_avoided</c>, <c>start</c>,
    /// <c>full</c> and <c>profile</c>, each CIP's <c>cip</c>; everything else as it was (comments are not kept).
    /// </summary>
    public string ApplyTo(string yaml, string note)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var (item, id) in Items(root, "interventions"))
        {
            if (Interventions.FirstOrDefault(e => e.Id == id) is { } edit)
            {
                item.Children[new YamlScalarNode("share_avoided")] = IntervalNode(edit.Share);
                item.Children[new YamlScalarNode("start")] = new YamlScalarNode(edit.Start.ToString(CultureInfo.InvariantCulture));
                item.Children[new YamlScalarNode("full")] = new YamlScalarNode(edit.Full.ToString(CultureInfo.InvariantCulture));
                item.Children[new YamlScalarNode("profile")] = new YamlScalarNode(edit.Profile.ToString().ToLowerInvariant());
            }
        }

        foreach (var (item, id) in Items(root, "efficiencies"))
        {
            if (Efficiencies.FirstOrDefault(e => e.Id == id) is { } edit)
            {
                item.Children[new YamlScalarNode("cip")] = IntervalNode(edit.Cip);
            }
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"# {note}");
        stream.Save(text, assignAnchors: false);
        return text.ToString().TrimEnd('.', '\n', '\r') + Environment.NewLine;
    }

    private static IEnumerable<(YamlMappingNode Item, string Id)> Items(YamlMappingNode root, string key)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlSequenceNode sequence)
        {
            yield break;
        }

        foreach (var item in sequence.Children.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { } value })
            {
                yield return (item, value);
            }
        }
    }

    private static YamlNode IntervalNode(Interval interval)
    {
        string Text(double v) => Math.Round(v, 10).ToString("0.##########", CultureInfo.InvariantCulture);
        return interval.IsFixed
            ? new YamlScalarNode(Text(interval.Low))
            : new YamlSequenceNode(new YamlScalarNode(Text(interval.Low)), new YamlScalarNode(Text(interval.High))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
    }

    private static Interval Percentages(Func<string, string?> field, string id, string name, Interval current, List<string> problems)
    {
        double low = Share(field($"{id}.low"), current.Low, $"{name}: the low end", problems);
        double high = Share(field($"{id}.high"), current.High, $"{name}: the high end", problems);
        if (low > high)
        {
            problems.Add($"{name}: the low end cannot be above the high end.");
        }

        return new Interval(low, high);
    }

    private static double Share(string? text, double current, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || !double.IsFinite(percent) || percent < 0 || percent > 100)
        {
            problems.Add($"{what} must be a percentage from 0 to 100.");
            return current;
        }

        return percent / 100;
    }

    private static int Year(string? text, int current, int first, int last, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < first || year > last)
        {
            problems.Add($"{what} must be a year from {first} to {last}.");
            return current;
        }

        return year;
    }
}
