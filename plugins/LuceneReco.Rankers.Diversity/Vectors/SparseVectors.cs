namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// The term vectors of one request's candidates in one block (compressed rows): vector i is
/// <c>Terms[Offsets[i]..Offsets[i+1]]</c> with <c>Weights</c> alongside, term ids ascending, each vector of unit length
/// (or empty). Term ids are the request's own (<see cref="TermCount"/> of them).
/// </summary>
internal sealed class SparseVectors
{
    public SparseVectors(int[] offsets, int[] terms, double[] weights, int termCount)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(weights);
        if (offsets.Length == 0 || offsets[^1] != terms.Length || terms.Length != weights.Length)
            throw new ArgumentOutOfRangeException(nameof(offsets), "offsets must end at the number of terms, and terms and weights must be parallel");
        Offsets = offsets;
        Terms = terms;
        Weights = weights;
        TermCount = termCount;
    }

    public int[] Offsets { get; }

    public int[] Terms { get; }

    public double[] Weights { get; }

    public int TermCount { get; }

    public int Count => Offsets.Length - 1;

    public ReadOnlySpan<int> TermsOf(int i) => Terms.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);

    public ReadOnlySpan<double> WeightsOf(int i) => Weights.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);

    /// <summary>The dot product of vectors a and b (their cosine, both being unit or empty), by a merge over the sorted term ids.</summary>
    public double Dot(int a, int b)
    {
        ReadOnlySpan<int> ta = TermsOf(a), tb = TermsOf(b);
        ReadOnlySpan<double> wa = WeightsOf(a), wb = WeightsOf(b);
        double sum = 0;
        int x = 0, y = 0;
        while (x < ta.Length && y < tb.Length)
        {
            int d = ta[x] - tb[y];
            if (d == 0) sum += wa[x++] * wb[y++];
            else if (d < 0) x++;
            else y++;
        }
        return sum;
    }

    /// <summary>
    /// <c>into[t] = Dot(a, others[t])</c> through an inverted index of the vectors (built on first use): only the vectors
    /// sharing a term with a are touched, each shared term once, so a row costs the postings of a's terms instead of
    /// every other vector's length. <paramref name="accumulator"/> has <see cref="Count"/> zeros and is left all zero.
    /// </summary>
    public void DotRow(int a, ReadOnlySpan<int> others, Span<double> into, double[] accumulator)
    {
        if (_postingOffsets is null) BuildPostings();
        ReadOnlySpan<int> ta = TermsOf(a);
        ReadOnlySpan<double> wa = WeightsOf(a);
        int[] offsets = _postingOffsets!, items = _postingItems!;
        double[] weights = _postingWeights!;
        for (int x = 0; x < ta.Length; x++)
        {
            double w = wa[x];
            for (int p = offsets[ta[x]], end = offsets[ta[x] + 1]; p < end; p++) accumulator[items[p]] += w * weights[p];
        }
        for (int t = 0; t < others.Length; t++) into[t] = accumulator[others[t]];
        for (int x = 0; x < ta.Length; x++)
            for (int p = offsets[ta[x]], end = offsets[ta[x] + 1]; p < end; p++) accumulator[items[p]] = 0;
    }

    private int[]? _postingOffsets, _postingItems;
    private double[]? _postingWeights;

    /// <summary>Per term, the vectors holding it (ascending) and their weights: the transpose of the rows.</summary>
    private void BuildPostings()
    {
        var offsets = new int[TermCount + 1];
        foreach (int term in Terms) offsets[term + 1]++;
        for (int t = 0; t < TermCount; t++) offsets[t + 1] += offsets[t];
        var fill = (int[])offsets.Clone();
        var items = new int[Terms.Length];
        var weights = new double[Terms.Length];
        for (int i = 0; i < Count; i++)
            for (int p = Offsets[i]; p < Offsets[i + 1]; p++)
            {
                int at = fill[Terms[p]]++;
                items[at] = i;
                weights[at] = Weights[p];
            }
        _postingItems = items;
        _postingWeights = weights;
        _postingOffsets = offsets;
    }
}
