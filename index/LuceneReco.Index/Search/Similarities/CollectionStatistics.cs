namespace LuceneReco.Index.Search.Similarities;

/// <summary>Field-level statistics a similarity may use.</summary>
/// <param name="Field">The field name.</param>
/// <param name="MaxDoc">Documents in the index, live or deleted.</param>
/// <param name="DocCount">Documents with at least one term in the field.</param>
/// <param name="SumTotalTermFreq">Sum of the field's lengths over documents.</param>
public readonly record struct CollectionStatistics(string Field, long MaxDoc, long DocCount, long SumTotalTermFreq);

/// <summary>Term-level statistics a similarity may use.</summary>
/// <param name="Term">The term.</param>
/// <param name="DocFreq">Documents containing the term (deleted ones included, as in Lucene).</param>
/// <param name="TotalTermFreq">Occurrences of the term.</param>
public readonly record struct TermStatistics(string Term, long DocFreq, long TotalTermFreq);
