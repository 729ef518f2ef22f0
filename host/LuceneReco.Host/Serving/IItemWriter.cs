using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The item writes a serving index takes (PUT and DELETE /items), whichever backend keeps it: each batch is all or nothing
/// and durable before it is acknowledged, and visible to the very next request.
/// </summary>
internal interface IItemWriter
{
    /// <summary>The schema items must follow.</summary>
    IndexSchema Schema { get; }

    /// <summary>Live items now.</summary>
    int NumDocs { get; }

    /// <summary>Adds or replaces <paramref name="documents"/> as one durable batch; returns how many replaced an existing item.</summary>
    /// <exception cref="WriteRefusedException">The disk is full (507) or the commit failed otherwise (503); nothing of the batch was kept.</exception>
    Task<int> UpsertAsync(IReadOnlyList<Document> documents);

    /// <summary>Deletes the item <paramref name="id"/> durably; returns whether it existed.</summary>
    /// <exception cref="WriteRefusedException">The commit failed; the item was not deleted.</exception>
    Task<bool> DeleteAsync(string id);

    /// <summary>When the last write failed, checks whether writes work again; returns the error still in force, or null.</summary>
    string? ProbeWrites();
}
