using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using OnePlace.Core.Referrals.Clocks;

namespace OnePlace.Core.Referrals.Triage;

/// <summary>What triage needs to know of a referral.</summary>
public sealed record TriageInput(string Need, string Setting, int? Age);

/// <summary>Triage's judgement: how urgent, which kind of service, and which row of which table said so.</summary>
public sealed record TriageResult(string Version, string Rule, string Urgency, string? ServiceKind, string Reason);

/// <summary>One row of a triage decision table.</summary>
public sealed record TriageRule(string Id, string? Need, string? Setting, int? MinimumAge, int? MaximumAge, string Urgency, string? ServiceKind, string Reason)
{
    public bool Matches(TriageInput input) =>
        (Need is null || Need == input.Need)
        && (Setting is null || Setting == input.Setting)
        && (MinimumAge is null || input.Age >= MinimumAge)
        && (MaximumAge is null || input.Age <= MaximumAge);

    public bool MatchesEverything => Need is null && Setting is null && MinimumAge is null && MaximumAge is null;
}

/// <summary>
/// A versioned triage decision table (rules/triage/vN.csv; PRODUCT.md B2). Hit policy "first": rows are tried in
/// order and the first that matches decides, as in DMN's FIRST hit policy. The last row must match everything so
/// that no referral goes untriaged. Tables are checked whole when loaded: a bad row is refused with its line.
/// </summary>
public sealed class TriageTable
{
    private TriageTable(string version, IReadOnlyList<TriageRule> rules)
    {
        Version = version;
        Rules = rules;
    }

    public string Version { get; }
    public IReadOnlyList<TriageRule> Rules { get; }

    public TriageResult Triage(TriageInput input)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(input))
            {
                return new TriageResult(Version, rule.Id, rule.Urgency, rule.ServiceKind, rule.Reason);
            }
        }

        // Unreachable: Parse insists that the last row matches everything.
        throw new InvalidOperationException($"Triage table {Version} has no row for this referral.");
    }

    /// <summary>Reads a table; throws <see cref="TriageTableException"/> naming every bad line.</summary>
    public static TriageTable Parse(string version, TextReader text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { AllowComments = true, Comment = '#', TrimOptions = TrimOptions.Trim };
        using var csv = new CsvReader(text, config);
        var problems = new List<string>();
        var rules = new List<TriageRule>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new TriageTableException(version, ["the table is empty"]);
        }

        string[] expected = ["rule", "need", "setting", "min_age", "max_age", "urgency", "service", "reason"];
        if (!csv.HeaderRecord!.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new TriageTableException(version, [$"the header must be: {string.Join(',', expected)}"]);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            string Field(int i) => csv.GetField(i) ?? "";
            string? Any(string value) => value is "" or "*" ? null : value;
            int? Age(string value, string column)
            {
                if (value == "")
                {
                    return null;
                }

                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int age) && age <= 130)
                {
                    return age;
                }

                problems.Add($"line {line}: {column} '{value}' is not an age in whole years");
                return null;
            }

            string id = Field(0);
            if (id == "" || !ids.Add(id))
            {
                problems.Add($"line {line}: rule id '{id}' is missing or repeated");
            }

            string? need = Any(Field(1));
            if (need is not null && !ReferralNeed.IsKnown(need))
            {
                problems.Add($"line {line}: need '{need}' is not one of {string.Join(", ", ReferralNeed.All)}");
            }

            string? setting = Any(Field(2));
            if (setting is not null && !CareSetting.IsKnown(setting))
            {
                problems.Add($"line {line}: setting '{setting}' is not one of {string.Join(", ", CareSetting.All)}");
            }

            int? min = Age(Field(3), "min_age");
            int? max = Age(Field(4), "max_age");
            if (min > max)
            {
                problems.Add($"line {line}: min_age is above max_age");
            }

            string urgency = Field(5);
            if (!Urgency.IsKnown(urgency))
            {
                problems.Add($"line {line}: urgency '{urgency}' is not one of {string.Join(", ", Urgency.All)}");
            }

            string reason = Field(7);
            if (reason == "")
            {
                problems.Add($"line {line}: a rule needs a reason (it is shown to staff and kept on the referral)");
            }

            rules.Add(new TriageRule(id, need, setting, min, max, urgency, Any(Field(6)), reason));
        }

        if (rules.Count == 0)
        {
            problems.Add("the table has no rules");
        }
        else if (!rules[^1].MatchesEverything)
        {
            problems.Add($"the last rule ({rules[^1].Id}) must match every referral (need and setting * and no ages), so that none goes untriaged");
        }

        return problems.Count > 0 ? throw new TriageTableException(version, problems) : new TriageTable(version, rules);
    }
}

public sealed class TriageTableException(string version, IReadOnlyList<string> problems)
    : Exception($"Triage table {version} cannot be used: {string.Join("; ", problems)}")
{
    public string Version { get; } = version;
    public IReadOnlyList<string> Problems { get; } = problems;
}
