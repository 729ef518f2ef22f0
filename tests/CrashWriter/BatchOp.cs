namespace LuceneReco.CrashWriter;

/// <summary>One step of batch <paramref name="Batch"/>.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Key">The document id, or the tag for <see cref="BatchOpKind.DeleteByTag"/>.</param>
/// <param name="Batch">The batch the step belongs to: the version and tag of the documents it writes.</param>
/// <param name="BodyWords">Words in the written document's body (0 for deletes and vectors).</param>
public sealed record BatchOp(BatchOpKind Kind, string Key, int Batch, int BodyWords);
