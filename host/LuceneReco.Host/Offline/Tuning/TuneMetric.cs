using System.Globalization;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// The metric <c>tune</c> maximises: <c>ndcg@N</c>, <c>recall@N</c> or <c>mrr@N</c>, or the mean of two or three of them joined
/// by <c>+</c> (<c>ndcg@10+recall@20</c>, the default: a search on NDCG alone buys it with recall further down the list, and
/// the other way round).
/// </summary>
/// <param name="Kind">ndcg, recall or mrr.</param>
/// <param name="At">The cut-off N.</param>
/// <param name="And">The next metric of a mean, or null.</param>
internal sealed record TuneMetric(string Kind, int At, TuneMetric? And = null)
{
    /// <summary>The default: the mean of NDCG@10 and Recall@20.</summary>
    public static readonly TuneMetric Default = new("ndcg", 10, new TuneMetric("recall", 20));

    /// <summary>The name as written, e.g. <c>ndcg@10</c> or <c>ndcg@10+recall@20</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Kind}@{At}") + (And is null ? "" : "+" + And.Name);

    /// <summary>The longest cut-off of the parts: how long the lists scored must be.</summary>
    public int Depth => Math.Max(At, And?.Depth ?? 0);

    private int Parts => 1 + (And?.Parts ?? 0);

    /// <summary>Reads <c>ndcg@10</c>, <c>ndcg@10+recall@20</c> and the like, or null when <paramref name="text"/> is not one.</summary>
    public static TuneMetric? Parse(string? text)
    {
        if (text is null) return null;
        string[] parts = text.Split('+');
        if (parts.Length > 3) return null;
        TuneMetric? result = null;
        for (int p = parts.Length - 1; p >= 0; p--)
        {
            if (One(parts[p]) is not { } one) return null;
            result = one with { And = result };
        }
        return result;
    }

    private static TuneMetric? One(string text)
    {
        string[] parts = text.Trim().ToLowerInvariant().Split('@');
        if (parts.Length != 2 || parts[0] is not ("ndcg" or "recall" or "mrr")) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int at) || at is < 1 or > 1000) return null;
        return new TuneMetric(parts[0], at);
    }

    /// <summary>The metric of one user's list (a mean's: the mean of its parts).</summary>
    public double Of(IReadOnlyList<string> list, IReadOnlySet<string> relevant) => Sum(list, relevant) / Parts;

    private double Sum(IReadOnlyList<string> list, IReadOnlySet<string> relevant) => Kind switch
    {
        "ndcg" => RankingMetrics.Ndcg(list, relevant, At),
        "recall" => RankingMetrics.Recall(list, relevant, At),
        _ => RankingMetrics.ReciprocalRank(list, relevant, At),
    } + (And?.Sum(list, relevant) ?? 0);
}
