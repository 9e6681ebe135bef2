namespace OnePlace.Core.Governance.Risks;

/// <summary>A risk as the programme office writes it: cause, event and effect, owner, category, controls and how often
/// it is reviewed. The scores are given apart (<see cref="RiskScores"/>), since they change on their own, with a reason.</summary>
public sealed record RiskDetails(
    string Title, string Cause, string Event, string Effect, RiskCategory Category, string Owner, string Controls, int ReviewEveryDays);

/// <summary>A likelihood and an impact on the NHS 5×5 matrix, each 1 (rare; negligible) to 5 (almost certain; catastrophic).</summary>
public sealed record RiskScore(int Likelihood, int Impact)
{
    public int Score => Likelihood * Impact;

    public override string ToString() => $"{Likelihood}×{Impact}={Score}";
}

/// <summary>
/// The rules every risk meets, checked by the use cases before anything is written, each refusal naming the form field
/// at fault. The lengths are the store's column widths (OnePlaceDb.ConfigureGovernance): PostgreSQL refuses a longer
/// value, so the use cases refuse it first, in words.
/// </summary>
public static class RiskRules
{
    public const int MaxTitle = 200;
    public const int MaxText = 2000;
    public const int MaxOwner = 200;
    public const int MaxControls = 4000;
    public const int MaxActionDescription = 1000;

    /// <summary>A reason for a re-score, a review's note or a reason for closing: it is kept in the revision's summary.</summary>
    public const int MaxReason = 1000;

    /// <summary>Reviewed at least weekly and at most yearly: a board assurance framework reviews its risks at least once a year.</summary>
    public const int MinReviewDays = 7;

    public const int MaxReviewDays = 365;

    public static void Check(RiskDetails details)
    {
        Text(details.Title, MaxTitle, "title", "The risk needs a title");
        Text(details.Cause, MaxText, "cause", "Say what causes the risk");
        Text(details.Event, MaxText, "event", "Say what may happen");
        Text(details.Effect, MaxText, "effect", "Say what the effect would be");
        Text(details.Owner, MaxOwner, "owner", "The risk needs an owner");
        if (!Enum.IsDefined(details.Category))
        {
            throw new GovernanceChangeException("Choose the risk's category.", "category");
        }

        // The controls may be blank: a risk newly found may have none in place yet, and the register shows that plainly.
        if ((details.Controls ?? "").Trim().Length > MaxControls)
        {
            throw new GovernanceChangeException($"The controls must be at most {MaxControls} characters.", "controls");
        }

        if (details.ReviewEveryDays is < MinReviewDays or > MaxReviewDays)
        {
            throw new GovernanceChangeException($"Review the risk every {MinReviewDays} to {MaxReviewDays} days.", "review-every");
        }
    }

    /// <summary>
    /// Checks the scores. The target must not be above the current score: the target is where the actions bring the risk,
    /// and an action plan that ends worse than today is not a plan. The current score may be above the inherent one: the
    /// inherent score is kept as first assessed, and a risk whose circumstances have worsened since, or whose controls
    /// are failing, is scored as it now stands rather than capped by an older judgement.
    /// </summary>
    public static void CheckScores(RiskScore current, RiskScore target, string prefix = "")
    {
        Score(current, prefix + "current");
        Score(target, prefix + "target");
        if (target.Score > current.Score)
        {
            throw new GovernanceChangeException(
                $"The target score ({target}) must not be above the current score ({current}): the target is where the actions bring the risk.", prefix + "target-likelihood");
        }
    }

    public static void Score(RiskScore score, string field)
    {
        if (score.Likelihood is < 1 or > 5)
        {
            throw new GovernanceChangeException("Likelihood is scored 1 to 5.", field + "-likelihood");
        }

        if (score.Impact is < 1 or > 5)
        {
            throw new GovernanceChangeException("Impact is scored 1 to 5.", field + "-impact");
        }
    }

    /// <summary>Text that must be given, at most <paramref name="max"/> characters once trimmed; returns it trimmed.</summary>
    public static string Text(string? text, int max, string field, string missing)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new GovernanceChangeException(missing + ".", field);
        }

        if (trimmed.Length > max)
        {
            throw new GovernanceChangeException($"{missing}, in at most {max} characters.", field);
        }

        return trimmed;
    }
}
