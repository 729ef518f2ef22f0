namespace LuceneReco.Index;

/// <summary>One term of a document's term vector.</summary>
/// <param name="Term">The term.</param>
/// <param name="Freq">How often it occurs in the document's field.</param>
public readonly record struct TermVectorEntry(string Term, int Freq);
