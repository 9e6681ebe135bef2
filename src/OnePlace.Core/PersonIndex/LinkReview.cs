using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.PersonIndex;

/// <summary>
/// The review queue: the open review pairs of the latest linkage run, strongest first: each pair's two records side by side, as their
/// partners hold them, with the explanation of the pair's score. Loaded only through
/// <see cref="Access.PersonIndexAccess"/>, which checks the steward's role and audits every person shown.
/// </summary>
public sealed record LinkReview(IReadOnlyList<ReviewPairView> Pairs, int TotalOpen)
{
    /// <summary>Pairs shown at once: a steward works down the queue, and each decision takes its pair away.</summary>
    public const int PageSize = 25;

    internal static async Task<LinkReview> LoadAsync(OnePlaceDb db, int limit, CancellationToken cancellationToken)
    {
        var total = await db.LinkReviewPairs.CountAsync(cancellationToken);
        var pairs = await db.LinkReviewPairs.AsNoTracking()
            .OrderByDescending(p => p.Probability).ThenBy(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var recordIds = pairs.SelectMany(p => new[] { p.RecordIdA, p.RecordIdB }).Distinct().ToList();
        var records = await db.SourceRecords.AsNoTracking()
            .Where(r => recordIds.Contains(r.Id))
            .Select(r => new ReviewRecord(r.Id, r.PersonId, r.Partner, r.LocalRecordId, r.NhsNumber, r.GivenName, r.FamilyName,
                r.DateOfBirth, r.Sex, r.Postcode, r.Address, r.Phone, r.Email))
            .ToDictionaryAsync(r => r.RecordId, cancellationToken);

        var views = pairs
            .Where(p => records.ContainsKey(p.RecordIdA) && records.ContainsKey(p.RecordIdB))
            .Select(p => new ReviewPairView(p.Id, p.Probability, p.MatchWeight, LinkExplanation.Parse(p.Explanation), p.FoundAtUtc,
                records[p.RecordIdA], records[p.RecordIdB]))
            .ToList();
        return new LinkReview(views, total);
    }
}

/// <summary>One pair of records that may be the same person.</summary>
public sealed record ReviewPairView(
    long Id,
    double Probability,
    double MatchWeight,
    LinkExplanation? Explanation,
    DateTime FoundAtUtc,
    ReviewRecord A,
    ReviewRecord B);

/// <summary>One side of a review pair: the record as its partner holds it, and the person it belongs to now.</summary>
public sealed record ReviewRecord(
    long RecordId,
    Guid? PersonId,
    string Partner,
    string LocalRecordId,
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    string? Address,
    string? Phone,
    string? Email);
