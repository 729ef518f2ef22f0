namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>How MoreLikeThis scores candidate terms.</summary>
public enum TermSelection
{
    /// <summary>Lucene's <c>tf * idf</c> with ClassicSimilarity's idf.</summary>
    TfIdf,
    /// <summary>BM25's saturated tf and idf, with the source field length (as proposed in LUCENE-7498).</summary>
    Bm25,
}
