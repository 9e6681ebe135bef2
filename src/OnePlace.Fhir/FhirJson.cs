using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OnePlace.Fhir;

/// <summary>
/// Reading and writing FHIR JSON with the Firely SDK 6. Parsing is strict: an unknown element, a value of the wrong
/// type, a code outside its required value set or a missing mandatory element is an error, each reported with its
/// FHIRPath, so that a sender learns everything wrong with a payload at once. One deserializer and one serializer
/// serve the whole process (they are thread-safe and costly to build).
/// </summary>
public static class FhirJson
{
    /// <summary>The largest body accepted: a referral message with its supporting resources is a few tens of kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Base resource) => Serializer.SerializeToString(resource);

    /// <summary>
    /// Parses <paramref name="json"/> as a resource of type <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="FhirPayloadException">400: not JSON, not FHIR, or not a <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string json)
        where T : Resource
    {
        string expected = ModelInfo.GetFhirTypeNameForType(typeof(T)) ?? typeof(T).Name;
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [FhirIssue.Structure($"The body is empty: send a {expected} resource as FHIR JSON.")]);
        }

        // The JSON and its resource type are checked first, so that a Patient posted by mistake is told so rather than
        // told of every element a ServiceRequest would not have.
        string? posted = ResourceTypeOf(json, expected);
        if (posted != expected)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [posted is null
                ? FhirIssue.Required($"The body has no 'resourceType': send a {expected} resource.", "resourceType")
                : FhirIssue.Invalid($"Expected a {expected} resource but the body is a '{posted}'.", "resourceType")]);
        }

        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException failed)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [.. failed.Exceptions.Select(e => IssueOf(e, expected))]);
        }

        return resource as T ?? throw new FhirPayloadException(StatusCodes.Status400BadRequest,
            [FhirIssue.Invalid($"Expected a {expected} resource but the body is a '{resource.TypeName}'.", "resourceType")]);
    }

    /// <summary>Reads the request body as FHIR JSON (at most <see cref="MaxBodyBytes"/>) and parses it.</summary>
    /// <exception cref="FhirPayloadException">415 for another media type, 413 when too large, 400 when not a <typeparamref name="T"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : Resource
    {
        // Only JSON media types are read. Beyond FHIR R4's formats rule, this keeps cross-site forms out: a browser
        // cannot send application/fhir+json to another site without a CORS preflight that this host never grants.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals(FhirProfile.JsonMediaType, StringComparison.OrdinalIgnoreCase)
                 || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FhirPayloadException(StatusCodes.Status415UnsupportedMediaType,
                [new FhirIssue(OperationOutcome.IssueType.NotSupported, $"Send the body as {FhirProfile.JsonMediaType} (Content-Type was '{request.ContentType}').")]);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [FhirIssue.Structure("The body is not UTF-8 text, as FHIR JSON must be.")]);
        }

        return Parse<T>(json);
    }

    /// <summary>The issue of one of the Firely parser's findings, with its path made a FHIRPath from the resource's root.</summary>
    internal static FhirIssue IssueOf(CodedException exception, string root)
    {
        if (exception is not ExtendedCodedException detail)
        {
            return FhirIssue.Structure(exception.Message);
        }

        string where = detail.LineNumber is { } line ? $" (line {line}, position {detail.Position})" : "";
        string? path = detail.InstancePath;
        if (string.IsNullOrEmpty(path) || path.Contains("UnnamedResource", StringComparison.Ordinal))
        {
            path = null;
        }
        else if (path == "$this" || path.StartsWith("$this.", StringComparison.Ordinal))
        {
            path = root + path["$this".Length..];
        }

        var code = detail.IssueType switch
        {
            OperationOutcome.IssueType.Required => OperationOutcome.IssueType.Required,
            OperationOutcome.IssueType.Structure => OperationOutcome.IssueType.Structure,
            OperationOutcome.IssueType.CodeInvalid => OperationOutcome.IssueType.CodeInvalid,
            _ => OperationOutcome.IssueType.Invalid,
        };
        return new FhirIssue(code, detail.BaseErrorMessage + where, path);
    }

    private static FhirPayloadException TooLarge() => new(StatusCodes.Status413PayloadTooLarge,
        [FhirIssue.Structure($"The body is larger than {MaxBodyBytes / 1024} KiB.")]);

    /// <summary>The <c>resourceType</c> of the body (null when it has none).</summary>
    /// <exception cref="FhirPayloadException">400: the body is not JSON, or not a JSON object.</exception>
    private static string? ResourceTypeOf(string json, string expected)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                    [FhirIssue.Structure($"The body is JSON but not an object: send a {expected} resource.")]);
            }

            return document.RootElement.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException notJson)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                [FhirIssue.Structure($"The body is not valid JSON ({Position(notJson)}): send a {expected} resource as FHIR JSON.")]);
        }
    }

    private static string Position(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "at the start";
}
