namespace LuceneReco.Plugins;

/// <summary>
/// Computes named numeric features of candidates for learned rankers and for the feature log, for example the BM25 of the
/// query in the title (<c>bm25.title</c>) or how popular an item was this week. An extractor writes into
/// <see cref="Candidate.Features"/> and leaves a feature <b>absent</b> when it has no value for a candidate (an item without
/// the field, a user without history): absent is missing, which a tree model sends down its default branch; it is never
/// written as 0. Extractors run once per request over the whole list, so per-request work (the user's history, the query's
/// words) is done once. Run extractors with <see cref="FeatureExtractorStage"/>; they must be thread-safe.
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>The extractor's name, e.g. "bm25" (letters, digits, '-', '_' and '.'); the prefix of the features it writes.</summary>
    string Name { get; }

    /// <summary>Writes this extractor's features of each of <paramref name="candidates"/> into their <see cref="Candidate.Features"/>.</summary>
    /// <param name="context">The request and what the host gives extractors (items, interactions, field statistics, the clock).</param>
    /// <param name="candidates">The candidates, best first; not reordered or rescored.</param>
    void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates);
}
