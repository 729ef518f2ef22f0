using System.Buffers;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// Scores every candidate with the served model from its <c>Candidate.Features</c> (a feature it lacks is missing, NaN, and
/// takes the trees' default branch, never 0), records the margin (<c>StageScores["learned"]</c>, <c>Features["learned.score"]</c>),
/// sets the score (the margin, or a blend of it with the incoming score), reorders stably, and explains the items returned:
/// their contributions go to <c>Features["learned.contrib.&lt;feature&gt;"]</c> and <c>Features["learned.bias"]</c>, the largest
/// in words to the explanation.
/// </summary>
internal sealed class LearnedStage(string name, LearnedOptions options, ModelReloader models) : IRankerStage
{
    /// <summary>The key of the model's margin in <c>Candidate.Features</c>.</summary>
    public const string ScoreFeature = "learned.score";

    /// <summary>The key of the contributions' bias (the expected margin) in <c>Candidate.Features</c>.</summary>
    public const string BiasFeature = "learned.bias";

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = candidates.Count;
        if (n == 0) return ValueTask.CompletedTask;
        using var lease = models.Acquire();
        ServedModel served = lease.Served;
        FeatureSchema schema = served.Schema;

        using var rows = new FeatureMatrix(n, schema.Count);
        for (int c = 0; c < n; c++) schema.Fill(rows, c, candidates[c].Features);
        cancellation.ThrowIfCancellationRequested();

        double[] margins = ArrayPool<double>.Shared.Rent(n);
        double[] finals = ArrayPool<double>.Shared.Rent(n);
        int[] order = ArrayPool<int>.Shared.Rent(n);
        try
        {
            served.Model.Score(rows, margins);
            cancellation.ThrowIfCancellationRequested();
            Blend(candidates, margins, finals);
            for (int c = 0; c < n; c++)
            {
                Candidate candidate = candidates[c];
                candidate.StageScores[name] = margins[c];
                candidate.Features[ScoreFeature] = margins[c];
                candidate.Score = finals[c];
                order[c] = c;
            }
            // stable: equal scores keep the order earlier stages gave them
            Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => finals[a] != finals[b] ? finals[b].CompareTo(finals[a]) : a.CompareTo(b)));
            var sorted = new Candidate[n];
            for (int p = 0; p < n; p++) sorted[p] = candidates[order[p]];
            candidates.Clear();
            candidates.AddRange(sorted);

            if (options.ExplainTop > 0 && !served.Model.HasContributions)
            {
                for (int p = 0; p < Math.Clamp(request.K, 0, n); p++) candidates[p].Explain(name, "placed by your own model (ONNX), which gives no reasons per feature");
            }
            else if (options.ExplainTop > 0)
            {
                int explained = request.Explain && options.ExplainAll ? n : Math.Clamp(request.K, 0, n);
                Explain(served, rows, candidates, order, explained, cancellation);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(margins);
            ArrayPool<double>.Shared.Return(finals);
            ArrayPool<int>.Shared.Return(order);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The final scores: the margins, or <c>(1 - w) * minmax(incoming) + w * minmax(margin)</c>.</summary>
    private void Blend(List<Candidate> candidates, double[] margins, double[] finals)
    {
        int n = candidates.Count;
        if (options.Weight is not double w)
        {
            Array.Copy(margins, finals, n);
            return;
        }
        double inMin = double.PositiveInfinity, inMax = double.NegativeInfinity, mMin = double.PositiveInfinity, mMax = double.NegativeInfinity;
        for (int c = 0; c < n; c++)
        {
            inMin = Math.Min(inMin, candidates[c].Score);
            inMax = Math.Max(inMax, candidates[c].Score);
            mMin = Math.Min(mMin, margins[c]);
            mMax = Math.Max(mMax, margins[c]);
        }
        for (int c = 0; c < n; c++)
        {
            double incoming = inMax > inMin ? (candidates[c].Score - inMin) / (inMax - inMin) : 1;
            double model = mMax > mMin ? (margins[c] - mMin) / (mMax - mMin) : 1;
            finals[c] = (1 - w) * incoming + w * model;
        }
    }

    /// <summary>Contributions and words for the first <paramref name="count"/> candidates (in their new order).</summary>
    private void Explain(ServedModel served, FeatureMatrix rows, List<Candidate> candidates, int[] order, int count, CancellationToken cancellation)
    {
        FeatureSchema schema = served.Schema;
        var contributions = new double[schema.Count];
        for (int p = 0; p < count; p++)
        {
            cancellation.ThrowIfCancellationRequested();
            Candidate candidate = candidates[p];
            double bias = served.Model.Contributions(rows, order[p], contributions);
            for (int f = 0; f < contributions.Length; f++) candidate.Features[schema.ContributionKeys[f]] = contributions[f];
            candidate.Features[BiasFeature] = bias;
            candidate.Explain(name, ContributionText.Describe(schema, contributions, options.ExplainTop));
        }
    }
}
