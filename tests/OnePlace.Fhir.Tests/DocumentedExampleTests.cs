using Hl7.Fhir.Model;
using OnePlace.Fhir.Referrals;

namespace OnePlace.Fhir.Tests;

public class DocumentedExampleTests
{
    [Fact]
    public void The_minimal_ServiceRequest_in_the_data_formats_document_is_a_referral_the_fhir_door_accepts()
    {
        string text = File.ReadAllText(DataFormatsDocument());
        int section = text.IndexOf("## FHIR referrals", StringComparison.Ordinal);
        int start = text.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
        string json = text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)];

        var inbound = InboundReferral.Map(ReferralPayload.Standalone(FhirJson.Parse<ServiceRequest>(json)), null);

        Assert.Empty(inbound.AllIssues(new DateOnly(2026, 11, 24)));
        Assert.Equal(("Edith", "Cavell", "Dr Anna Shah", "Pleck Health Centre"),
            (inbound.Submission.Person.GivenName, inbound.Submission.Person.FamilyName, inbound.Submission.ReferrerName, inbound.Submission.ReferrerOrganisation));
    }

    private static string DataFormatsDocument()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "data-formats.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/data-formats.md was not found above the test's folder.");
    }
}
