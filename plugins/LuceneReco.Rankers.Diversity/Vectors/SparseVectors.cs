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
    /// <c>into[t] = Dot(a, others[t])</c>: vector a is scattered once into <paramref name="dense"/> (length <see cref="TermCount"/>,
    /// all zero, and left all zero), then each other vector gathers from it, which costs its own length instead of a merge.
    /// </summary>
    public void DotRow(int a, ReadOnlySpan<int> others, Span<double> into, double[] dense)
    {
        ReadOnlySpan<int> ta = TermsOf(a);
        ReadOnlySpan<double> wa = WeightsOf(a);
        for (int x = 0; x < ta.Length; x++) dense[ta[x]] = wa[x];
        for (int t = 0; t < others.Length; t++)
        {
            int o = others[t], end = Offsets[o + 1];
            double sum = 0;
            for (int p = Offsets[o]; p < end; p++) sum += dense[Terms[p]] * Weights[p];
            into[t] = sum;
        }
        for (int x = 0; x < ta.Length; x++) dense[ta[x]] = 0;
    }
}
