using System.Buffers;
using System.Numerics.Tensors;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// How close an item is in meaning to what the user has had, from the index's embedding vectors (<see cref="IItemVectors"/>):
/// <c>semantic.history</c>, the cosine between the item's vector and the user's taste vector (the sum of the recent items'
/// vectors, the newest weighing most: <c>0.5^(i/10)</c> for the i-th newest, as the <c>profile</c> and <c>semantic-profile</c>
/// sources weigh them, then normalised), and <c>semantic.nearest</c>, its
/// largest cosine with any one recent item (a user with several interests is close to each, which an average blurs).
/// The recent items are the request's (<see cref="RankingRequest.RecentItems"/>, at most <paramref name="depth"/>). Both
/// are missing without vectors in the index, for an item without a vector yet, or for a user none of whose recent items has one.
/// </summary>
internal sealed class SemanticExtractor(int depth) : IFeatureExtractor
{
    /// <summary>The feature names.</summary>
    public const string History = "semantic.history", Nearest = "semantic.nearest";

    private static readonly float Decay = MathF.Pow(0.5f, 0.1f); // half weight ten items back

    public string Name => "semantic";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        if (context.Vectors is not { VectorDimension: > 0 and var dim } vectors) return;
        var recent = context.Request.RecentItems;
        int take = Math.Min(depth, recent.Count);
        if (take == 0 || candidates.Count == 0) return;
        float[] history = ArrayPool<float>.Shared.Rent(take * dim);
        float[] taste = ArrayPool<float>.Shared.Rent(dim);
        float[] item = ArrayPool<float>.Shared.Rent(dim);
        try
        {
            var tasteSpan = taste.AsSpan(0, dim);
            tasteSpan.Clear();
            int with = 0;
            float weight = 1;
            for (int i = 0; i < take; i++, weight *= Decay)
            {
                var row = history.AsSpan(with * dim, dim);
                if (!vectors.TryCopyVector(recent[i], row)) continue;
                TensorPrimitives.MultiplyAdd(row, weight, tasteSpan, tasteSpan);
                with++;
            }
            if (with == 0) return;
            float norm = TensorPrimitives.Norm(tasteSpan);
            if (norm > 0) TensorPrimitives.Divide(tasteSpan, norm, tasteSpan);
            var itemSpan = item.AsSpan(0, dim);
            foreach (var candidate in candidates)
            {
                if (!vectors.TryCopyVector(candidate.ItemId, itemSpan)) continue;
                if (norm > 0) candidate.Features[History] = TensorPrimitives.Dot(itemSpan, tasteSpan);
                float best = float.NegativeInfinity;
                for (int h = 0; h < with; h++) best = Math.Max(best, TensorPrimitives.Dot(itemSpan, history.AsSpan(h * dim, dim)));
                candidate.Features[Nearest] = best;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(history);
            ArrayPool<float>.Shared.Return(taste);
            ArrayPool<float>.Shared.Return(item);
        }
    }
}
