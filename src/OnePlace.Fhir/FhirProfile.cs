namespace OnePlace.Fhir;

/// <summary>
/// The names OnePlace's FHIR door uses (docs/data-formats.md, "FHIR referrals"): the code systems and extensions it
/// defines under its own base URL, and the national ones it follows (UK Core, BaRS 1.x).
/// </summary>
public static class FhirProfile
{
    /// <summary>The media type of FHIR JSON (FHIR R4 RESTful API, content types).</summary>
    public const string JsonMediaType = "application/fhir+json";

    /// <summary>The FHIR version every resource here conforms to.</summary>
    public const string FhirVersion = "4.0.1";

    /// <summary>UK Core: the NHS number identifier system (UKCore-Patient identifier slice <c>nhsNumber</c>).</summary>
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>BaRS 1.x: the message events code system of <c>MessageHeader.eventCoding</c>.</summary>
    public const string BarsMessageEventSystem = "https://fhir.nhs.uk/CodeSystem/message-events-bars";

    /// <summary>BaRS 1.x: the event of a referral request.</summary>
    public const string BarsReferralRequestEvent = "servicerequest-request";

    /// <summary>The presenting need (<c>ServiceRequest.code</c>): the codes of <see cref="Core.Referrals.ReferralNeed"/>.</summary>
    public const string ReferralNeedSystem = "https://oneplace.example/CodeSystem/referral-need";

    /// <summary>Where a referral is in its life (<c>Task.businessStatus</c>): the codes of <see cref="Core.Referrals.ReferralStatus"/>.</summary>
    public const string ReferralStatusSystem = "https://oneplace.example/CodeSystem/referral-status";

    /// <summary>How an episode of care ended (<c>Task.output</c>): the codes of <see cref="Core.Referrals.ReferralOutcome"/>.</summary>
    public const string ReferralOutcomeSystem = "https://oneplace.example/CodeSystem/referral-outcome";

    /// <summary>What a Task output carries: <c>outcome</c> (a referral-outcome code) or <c>outcome-note</c> (text).</summary>
    public const string TaskOutputSystem = "https://oneplace.example/CodeSystem/task-output";

    /// <summary>Where the person is now (<c>ServiceRequest.locationCode</c>): the codes of <see cref="Core.Referrals.CareSetting"/>.</summary>
    public const string CareSettingSystem = "https://oneplace.example/CodeSystem/care-setting";

    /// <summary>The Single Point of Access reference of a referral, e.g. "SPA-1A2B-3C4D".</summary>
    public const string ReferralReferenceSystem = "https://oneplace.example/Id/referral-reference";

    /// <summary>A team of the partnership's services directory.</summary>
    public const string TeamSystem = "https://oneplace.example/Id/team";

    /// <summary>Extension on ServiceRequest, <c>valueCode</c>: where the person is now (home, care_home, hospital).</summary>
    public const string CareSettingExtension = "https://oneplace.example/StructureDefinition/care-setting";

    /// <summary>Extension on ServiceRequest, <c>valueBoolean</c>: the person agrees to the referral, or it is in their best interests.</summary>
    public const string PersonConsentedExtension = "https://oneplace.example/StructureDefinition/person-consented";

    /// <summary>The header a sender's correlation id travels in (BaRS 1.x, API headers).</summary>
    public const string CorrelationIdHeader = "X-Correlation-ID";
}
