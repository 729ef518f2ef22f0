using System.Globalization;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>The metric <c>tune</c> maximises: <c>ndcg@N</c>, <c>recall@N</c> or <c>mrr@N</c>.</summary>
/// <param name="Kind">ndcg, recall or mrr.</param>
/// <param name="At">The cut-off N.</param>
internal sealed record TuneMetric(string Kind, int At)
{
    /// <summary>The name as written, e.g. <c>ndcg@10</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Kind}@{At}");

    /// <summary>Reads <c>ndcg@10</c> and the like, or null when <paramref name="text"/> is not one.</summary>
    public static TuneMetric? Parse(string? text)
    {
        if (text is null) return null;
        string[] parts = text.Trim().ToLowerInvariant().Split('@');
        if (parts.Length != 2 || parts[0] is not ("ndcg" or "recall" or "mrr")) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int at) || at is < 1 or > 1000) return null;
        return new TuneMetric(parts[0], at);
    }

    /// <summary>The metric of one user's list.</summary>
    public double Of(IReadOnlyList<string> list, IReadOnlySet<string> relevant) => Kind switch
    {
        "ndcg" => RankingMetrics.Ndcg(list, relevant, At),
        "recall" => RankingMetrics.Recall(list, relevant, At),
        _ => RankingMetrics.ReciprocalRank(list, relevant, At),
    };
}
