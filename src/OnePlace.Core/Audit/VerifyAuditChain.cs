using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.Audit;

/// <summary>The first row whose hash is not the one its place in the chain gives.</summary>
public sealed record BrokenAuditRow(long Id, DateTime OccurredAtUtc, string Why);

/// <summary>
/// What a walk of the chain found: how many rows were checked, the head (last row's id and hash, to be kept outside
/// the store so that a later walk can show the log was not cut short or rewritten), and the first broken row if any.
/// </summary>
public sealed record AuditChainReport(long RowsChecked, long HeadId, string HeadHash, BrokenAuditRow? FirstBroken, string? AnchorProblem)
{
    public bool IsIntact => FirstBroken is null && AnchorProblem is null;
}

/// <summary>A head recorded earlier (for example printed by a past verify and kept in a board paper or a ticket).</summary>
public sealed record AuditAnchor(long Id, string Hash);

/// <summary>
/// Walks the audit log in id order, recomputing each row's hash from the one before (docs/adr/0018). Reads only;
/// rows are streamed, so a store of millions of rows needs no more memory than one.
/// </summary>
public sealed class VerifyAuditChain(OnePlaceDb db)
{
    public async Task<AuditChainReport> RunAsync(AuditAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        long checkedRows = 0;
        long headId = 0;
        string headHash = AuditChain.Genesis;
        bool anchorSeen = false;
        string? anchorProblem = null;
        await foreach (var row in db.AuditLog.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            string expected = AuditChain.HashOf(headHash, row);
            if (row.Hash is null)
            {
                return Broken(row, "it has no hash: it was written around the chain");
            }

            if (!string.Equals(row.Hash, expected, StringComparison.Ordinal))
            {
                // Either this row was changed, or the row before it was removed or moved: either way the chain breaks here.
                return Broken(row, "its hash does not follow from the row before it and its own fields: it, or the row before it, was changed, removed or moved");
            }

            checkedRows++;
            headId = row.Id;
            headHash = row.Hash;
            if (anchor is not null && row.Id == anchor.Id)
            {
                anchorSeen = true;
                if (!string.Equals(row.Hash, anchor.Hash, StringComparison.OrdinalIgnoreCase))
                {
                    anchorProblem = $"row {anchor.Id} no longer has the recorded hash: the log up to it was rewritten";
                }
            }
        }

        if (anchor is not null && !anchorSeen)
        {
            anchorProblem = $"row {anchor.Id}, recorded as a head, is not in the log: rows were removed from its end";
        }

        return new AuditChainReport(checkedRows, headId, headHash, null, anchorProblem);

        AuditChainReport Broken(AuditEntry row, string why) =>
            new(checkedRows, headId, headHash, new BrokenAuditRow(row.Id, row.OccurredAtUtc, why), null);
    }
}
