namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>A term MoreLikeThis chose for its query.</summary>
/// <param name="Field">The field it was found in.</param>
/// <param name="Term">The term.</param>
/// <param name="Score">Its selection score (tf x idf by default).</param>
/// <param name="Idf">Its idf.</param>
/// <param name="DocFreq">Documents containing it.</param>
/// <param name="Tf">Its (weighted) frequency in the source.</param>
public sealed record InterestingTerm(string Field, string Term, float Score, float Idf, int DocFreq, float Tf);
