using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// Each recall source's and earlier stage's score as <c>score.&lt;name&gt;</c> (from <see cref="Candidate.StageScores"/>: the
/// <c>search</c> BM25, an <c>als</c> or <c>itemknn</c> score, <c>fusion</c>). The ranks are already features
/// (<c>&lt;source&gt;.rank</c>, written by fusion), and so are the collaborative stages' own features. A source that did not
/// find the item writes nothing: missing.
/// </summary>
internal sealed class RecallExtractor : IFeatureExtractor
{
    /// <summary>The prefix of the features written.</summary>
    public const string Prefix = "score.";

    public string Name => "recall";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        for (int c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            foreach (var (source, score) in candidate.StageScores)
                if (double.IsFinite(score)) candidate.Features[Prefix + source] = score;
        }
    }
}
