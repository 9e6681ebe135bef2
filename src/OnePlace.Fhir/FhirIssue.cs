using Hl7.Fhir.Model;

namespace OnePlace.Fhir;

/// <summary>
/// One problem with a payload, as an <c>OperationOutcome.issue</c> reports it (FHIR R4 OperationOutcome): what kind
/// (<see cref="Code"/>), in words a sender's developer can act on (<see cref="Diagnostics"/>), and where, as a FHIRPath
/// expression (<see cref="Expression"/>) when it is known.
/// </summary>
public sealed record FhirIssue(OperationOutcome.IssueType Code, string Diagnostics, string? Expression = null)
{
    public static FhirIssue Required(string diagnostics, string? expression = null) => new(OperationOutcome.IssueType.Required, diagnostics, expression);

    public static FhirIssue Invalid(string diagnostics, string? expression = null) => new(OperationOutcome.IssueType.Invalid, diagnostics, expression);

    public static FhirIssue Structure(string diagnostics, string? expression = null) => new(OperationOutcome.IssueType.Structure, diagnostics, expression);
}

/// <summary>
/// A payload refused whole (BaRS 1.x: "Non conformant payloads should be rejected in their entirety"): nothing was
/// stored. <see cref="StatusCode"/> follows FHIR R4's RESTful API for create: 400 when the body is not valid FHIR, 422
/// when it is valid FHIR that breaks the referral profile or the Single Point of Access's rules.
/// </summary>
public sealed class FhirPayloadException(int statusCode, IReadOnlyList<FhirIssue> issues)
    : Exception("The payload was refused: " + string.Join("; ", issues.Select(i => i.Expression is null ? i.Diagnostics : $"{i.Expression}: {i.Diagnostics}")))
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<FhirIssue> Issues { get; } = issues;
}

/// <summary>OperationOutcomes: each refusal, and nothing else, in the form every FHIR client reads.</summary>
public static class Outcomes
{
    public static OperationOutcome Of(IEnumerable<FhirIssue> issues)
    {
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = issue.Code,
                Diagnostics = issue.Diagnostics,
            });
            if (issue.Expression is not null)
            {
                outcome.Issue[^1].Expression = [issue.Expression];
            }
        }

        return outcome;
    }

    public static OperationOutcome Of(OperationOutcome.IssueType code, string diagnostics) => Of([new FhirIssue(code, diagnostics)]);
}
