using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Search.Similarities;

/// <summary>
/// The vector space model as Lucene 8 scores it: <c>score = boost * idf * tf(freq) * lengthNorm(length)</c>,
/// computed in single precision in that order so scores equal Lucene's bit for bit.
/// </summary>
public abstract class TfIdfSimilarity : Similarity
{
    /// <summary>The weight of <paramref name="freq"/> occurrences.</summary>
    public abstract float Tf(float freq);

    /// <summary>The weight of a term found in <paramref name="docFreq"/> of <paramref name="docCount"/> documents.</summary>
    public abstract float Idf(long docFreq, long docCount);

    /// <summary>The weight of a field of <paramref name="length"/> terms.</summary>
    public abstract float LengthNorm(int length);

    /// <inheritdoc/>
    public override SimScorer Scorer(float boost, CollectionStatistics collection, TermStatistics term)
    {
        long docCount = collection.DocCount > 0 ? collection.DocCount : collection.MaxDoc;
        float idf = Idf(term.DocFreq, docCount);
        return new TfIdfScorer(this, boost, idf, Explanation.Of(idf, $"idf(docFreq={term.DocFreq}, docCount={docCount})"), NormTable());
    }

    /// <inheritdoc/>
    public override SimScorer PhraseScorer(float boost, CollectionStatistics collection, IReadOnlyList<TermStatistics> terms)
    {
        long docCount = collection.DocCount > 0 ? collection.DocCount : collection.MaxDoc;
        double sum = 0; // summed in double before the cast, as Lucene does
        var parts = new Explanation[terms.Count];
        for (int i = 0; i < terms.Count; i++)
        {
            float idf = Idf(terms[i].DocFreq, docCount);
            parts[i] = Explanation.Of(idf, $"idf(docFreq={terms[i].DocFreq}, docCount={docCount}) of '{terms[i].Term}'");
            sum += idf;
        }
        return new TfIdfScorer(this, boost, (float)sum, Explanation.Of((float)sum, "idf, sum of:", parts), NormTable());
    }

    private float[]? _normTable;

    /// <summary>lengthNorm of every norm byte; byte 0 maps to 1/lengthNorm(byte 255) as in Lucene.</summary>
    private float[] NormTable()
    {
        if (_normTable is { } t) return t;
        var table = new float[256];
        for (int i = 1; i < 256; i++) table[i] = LengthNorm(SmallFloat.Byte4ToInt((byte)i));
        table[0] = 1f / table[255];
        return _normTable = table;
    }

    private sealed class TfIdfScorer : SimScorer
    {
        private readonly TfIdfSimilarity sim;
        private readonly float boost;
        private readonly Explanation idfExplanation;
        private readonly float[] normTable;
        private readonly float _weight;

        /// <summary><c>tf(freq) * weight</c> for small whole frequencies: the same float products, computed once.</summary>
        private readonly float[] _tfWeight = new float[32];

        public TfIdfScorer(TfIdfSimilarity sim, float boost, float idf, Explanation idfExplanation, float[] normTable)
        {
            this.sim = sim;
            this.boost = boost;
            this.idfExplanation = idfExplanation;
            this.normTable = normTable;
            _weight = boost * idf;
            for (int f = 0; f < _tfWeight.Length; f++) _tfWeight[f] = sim.Tf(f) * _weight;
        }

        public override float Score(float freq, byte norm)
        {
            int f = (int)freq;
            float tfWeight = f == freq && (uint)f < (uint)_tfWeight.Length ? _tfWeight[f] : sim.Tf(freq) * _weight;
            return tfWeight * normTable[norm];
        }

        public override float MaxScore(float maxFreq) => sim.Tf(maxFreq) * _weight * normTable.Max();

        public override Explanation Explain(float freq, byte norm)
        {
            float tf = sim.Tf(freq);
            float normValue = normTable[norm];
            var tfExplanation = Explanation.Of(tf, $"tf(freq={freq}), with freq of:", Explanation.Of(freq, "freq, occurrences of the term in the field"));
            var normExplanation = Explanation.Of(normValue, $"fieldNorm, lengthNorm(length={SmallFloat.Byte4ToInt(norm)})");
            var parts = boost == 1f
                ? new[] { idfExplanation, tfExplanation, normExplanation }
                : [Explanation.Of(boost, "boost"), idfExplanation, tfExplanation, normExplanation];
            return Explanation.Of(Score(freq, norm), "score(freq=" + freq + "), product of:", parts);
        }
    }
}
