namespace LuceneReco.Index.Search.Similarities;

/// <summary>
/// A ranking model (after Lucene's Similarity): turns a term's statistics into a per-document scorer.
/// Contract, checked for every implementation by the similarity test suite: scores are finite and
/// non-negative, never decrease when freq increases, never increase when the field gets longer,
/// and the explanation's value equals the score.
/// </summary>
public abstract class Similarity
{
    /// <summary>A scorer for one term of a query in one field.</summary>
    /// <param name="boost">The query-time boost (1 by default).</param>
    public abstract SimScorer Scorer(float boost, CollectionStatistics collection, TermStatistics term);

    /// <summary>A scorer for a phrase: the terms' statistics combined as the model defines (sum of idf for TF-IDF and BM25).</summary>
    public abstract SimScorer PhraseScorer(float boost, CollectionStatistics collection, IReadOnlyList<TermStatistics> terms);

    /// <summary>The name used on the command line ("classic", "bm25").</summary>
    public abstract string Name { get; }

    /// <summary>The similarity named <paramref name="name"/> with its default parameters.</summary>
    public static Similarity ByName(string name) => name.ToLowerInvariant() switch
    {
        "classic" or "tfidf" => new ClassicSimilarity(),
        "bm25" => new Bm25Similarity(),
        _ => throw new ArgumentException($"Unknown similarity '{name}' (valid: classic, bm25).", nameof(name)),
    };
}
