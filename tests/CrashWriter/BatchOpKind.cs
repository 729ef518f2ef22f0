namespace LuceneReco.CrashWriter;

/// <summary>What one step of a <see cref="CrashWorkload"/> batch does.</summary>
public enum BatchOpKind
{
    /// <summary>Adds a new document (its id was never used before).</summary>
    Add,
    /// <summary>Adds or replaces the document with this id.</summary>
    Update,
    /// <summary>Deletes the document with this id, if live.</summary>
    Delete,
    /// <summary>Deletes every live document whose <c>tag</c> keyword is <see cref="BatchOp.Key"/>.</summary>
    DeleteByTag,
    /// <summary>Sets the dense vector of the live document with this id (a function of the id and the batch), if live.</summary>
    Vector,
}
