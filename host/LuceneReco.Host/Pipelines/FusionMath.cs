using LuceneReco.Plugins;
using static System.FormattableString;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Fuses the ranked lists of several recall sources into one candidate list. Each candidate records
/// every source's raw score in <see cref="Candidate.StageScores"/> (by source name), its rank there
/// as the feature <c>source.rank</c>, the fused score as <c>StageScores["fusion"]</c>, and each
/// source's explanation line. Ties are broken by item id (ordinal), so fusion is deterministic.
/// </summary>
internal static class FusionMath
{
    /// <summary>The stage-score name of the fused recall score.</summary>
    public const string FusionScoreName = "fusion";

    /// <summary>The method named <paramref name="name"/> (<c>rrf</c> or <c>weighted</c>, case-insensitive), or null.</summary>
    public static FusionMethod? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "rrf" => FusionMethod.Rrf,
        "weighted" or "weighted-sum" or "weightedsum" => FusionMethod.WeightedSum,
        _ => null,
    };

    /// <summary>Implemented as <c>weight / (k + rank)</c>, rank counted from 1.</summary>
    public static double Rrf(int rank, int k, double weight) => weight / (k + rank);

    /// <summary>Implemented as <c>(score - min) / (max - min)</c>, and 1 when every score is the same.</summary>
    public static double MinMax(double score, double min, double max) => max > min ? (score - min) / (max - min) : 1.0;

    /// <summary>Fuses <paramref name="lists"/> (each best first) by <paramref name="method"/>; returns the candidates best first.</summary>
    public static List<Candidate> Fuse(IReadOnlyList<SourceHits> lists, FusionMethod method, int rrfK)
    {
        int total = 0;
        foreach (var list in lists) total += list.Hits.Count;
        var byId = new Dictionary<string, Candidate>(total, StringComparer.Ordinal);
        var order = new List<Candidate>(total);
        foreach (var list in lists)
        {
            var hits = list.Hits;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < hits.Count; i++)
            {
                min = Math.Min(min, hits[i].Score);
                max = Math.Max(max, hits[i].Score);
            }
            string rankFeature = list.Source + ".rank";
            for (int i = 0; i < hits.Count; i++)
            {
                var hit = hits[i];
                double contribution = method == FusionMethod.Rrf
                    ? Rrf(i + 1, rrfK, list.Weight)
                    : list.Weight * MinMax(hit.Score, min, max);
                if (!byId.TryGetValue(hit.Id, out var candidate))
                {
                    candidate = new Candidate(hit.Id, 0);
                    byId.Add(hit.Id, candidate);
                    order.Add(candidate);
                }
                candidate.Score += contribution;
                candidate.StageScores[list.Source] = hit.Score;
                candidate.Features[rankFeature] = i + 1;
                if (hit.Why is { } why)
                {
                    candidate.Explain(why with { Source = list.Source, Contribution = contribution });
                    candidate.Debug(list.Source, method == FusionMethod.Rrf
                        ? Invariant($"score {hit.Score:0.####}, rank {i + 1}, rrf {list.Weight:0.###} / ({rrfK} + {i + 1}) = {contribution:0.#####}")
                        : Invariant($"score {hit.Score:0.####}, rank {i + 1}, weighted {list.Weight:0.###} x minmax {MinMax(hit.Score, min, max):0.####} = {contribution:0.#####}"));
                }
            }
        }
        foreach (var c in order) c.StageScores[FusionScoreName] = c.Score;
        order.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var c && c != 0 ? c : string.CompareOrdinal(a.ItemId, b.ItemId));
        return order;
    }
}
