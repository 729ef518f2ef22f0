namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// Similarity between the candidates of one request, addressed by index <c>0..Count-1</c>: symmetric, 1 on the
/// diagonal, in [0, 1]. For DPP it must also be positive semi-definite (a cosine of vectors, a Jaccard index, an
/// equality of groups, and positive mixes of these all are).
/// </summary>
internal interface ISimilarity
{
    /// <summary>How many candidates there are.</summary>
    int Count { get; }

    /// <summary>The similarity of candidates <paramref name="a"/> and <paramref name="b"/>.</summary>
    double Pair(int a, int b);

    /// <summary>Writes <c>Pair(a, others[t])</c> into <c>into[t]</c> for every t: one row at a time, so implementations can
    /// prepare <paramref name="a"/> once (the MMR and DPP loops need exactly one such row per pick).</summary>
    void Row(int a, ReadOnlySpan<int> others, Span<double> into);
}
