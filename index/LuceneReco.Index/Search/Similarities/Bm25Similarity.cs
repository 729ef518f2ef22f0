using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Search.Similarities;

/// <summary>
/// Okapi BM25 as Lucene 8 computes it: <c>boost * idf * freq / (freq + k1 * (1 - b + b * length / avgLength))</c>
/// with <c>idf = ln(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5))</c>.
/// </summary>
public sealed class Bm25Similarity : Similarity
{
    /// <summary>Creates BM25 with saturation <paramref name="k1"/> and length normalisation <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k1 is not finite and non-negative, or b is outside [0, 1].</exception>
    public Bm25Similarity(float k1 = 1.2f, float b = 0.75f)
    {
        if (!float.IsFinite(k1) || k1 < 0) throw new ArgumentOutOfRangeException(nameof(k1), k1, "k1 must be finite and >= 0");
        if (float.IsNaN(b) || b < 0 || b > 1) throw new ArgumentOutOfRangeException(nameof(b), b, "b must be between 0 and 1");
        K1 = k1;
        B = b;
    }

    /// <summary>Term-frequency saturation. <value>The default is 1.2.</value></summary>
    public float K1 { get; }

    /// <summary>Length normalisation. <value>The default is 0.75.</value></summary>
    public float B { get; }

    /// <inheritdoc/>
    public override string Name => "bm25";

    /// <summary>Implemented as <c>ln(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5))</c>.</summary>
    public float Idf(long docFreq, long docCount) => (float)Math.Log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

    /// <inheritdoc/>
    public override SimScorer Scorer(float boost, CollectionStatistics collection, TermStatistics term)
    {
        long docCount = collection.DocCount > 0 ? collection.DocCount : collection.MaxDoc;
        float idf = Idf(term.DocFreq, docCount);
        return new Bm25Scorer(this, boost, idf, Explanation.Of(idf, $"idf(docFreq={term.DocFreq}, docCount={docCount})"), AvgLength(collection));
    }

    /// <inheritdoc/>
    public override SimScorer PhraseScorer(float boost, CollectionStatistics collection, IReadOnlyList<TermStatistics> terms)
    {
        long docCount = collection.DocCount > 0 ? collection.DocCount : collection.MaxDoc;
        double sum = 0;
        var parts = new Explanation[terms.Count];
        for (int i = 0; i < terms.Count; i++)
        {
            float idf = Idf(terms[i].DocFreq, docCount);
            parts[i] = Explanation.Of(idf, $"idf(docFreq={terms[i].DocFreq}, docCount={docCount}) of '{terms[i].Term}'");
            sum += idf;
        }
        return new Bm25Scorer(this, boost, (float)sum, Explanation.Of((float)sum, "idf, sum of:", parts), AvgLength(collection));
    }

    private static float AvgLength(CollectionStatistics c) =>
        c.DocCount > 0 && c.SumTotalTermFreq > 0 ? (float)(c.SumTotalTermFreq / (double)c.DocCount) : 1f;

    private sealed class Bm25Scorer : SimScorer
    {
        private readonly Bm25Similarity _sim;
        private readonly float _boost, _weight, _avgLength;
        private readonly Explanation _idf;
        private readonly float[] _inverseNorm = new float[256];

        public Bm25Scorer(Bm25Similarity sim, float boost, float idf, Explanation idfExplanation, float avgLength)
        {
            _sim = sim;
            _boost = boost;
            _weight = boost * idf;
            _idf = idfExplanation;
            _avgLength = avgLength;
            for (int i = 0; i < 256; i++)
                _inverseNorm[i] = 1f / (sim.K1 * ((1 - sim.B) + sim.B * SmallFloat.Byte4ToInt((byte)i) / avgLength));
        }

        /// <summary>Lucene's form: <c>weight - weight / (1 + freq * inverseNorm)</c>, which never decreases in freq.</summary>
        public override float Score(float freq, byte norm) => _weight - _weight / (1f + freq * _inverseNorm[norm]);

        public override float MaxScore(float maxFreq) => _weight;

        public override Explanation Explain(float freq, byte norm)
        {
            int length = SmallFloat.Byte4ToInt(norm);
            float tfPart = 1f - 1f / (1f + freq * _inverseNorm[norm]); // = freq / (freq + k1 * ...), and 1 when k1 = 0
            var tf = Explanation.Of(tfPart, "tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:",
                Explanation.Of(freq, "freq, occurrences of the term in the field"),
                Explanation.Of(_sim.K1, "k1, term saturation parameter"),
                Explanation.Of(_sim.B, "b, length normalization parameter"),
                Explanation.Of(length, "dl, length of field"),
                Explanation.Of(_avgLength, "avgdl, average length of field"));
            var parts = _boost == 1f ? new[] { _idf, tf } : [Explanation.Of(_boost, "boost"), _idf, tf];
            return Explanation.Of(Score(freq, norm), $"score(freq={freq}), computed as boost * idf * tf from:", parts);
        }
    }
}
