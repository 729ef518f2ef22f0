namespace LuceneReco.Index.Search.Similarities;

/// <summary>Lucene 8's ClassicSimilarity (TF-IDF).</summary>
public sealed class ClassicSimilarity : TfIdfSimilarity
{
    /// <inheritdoc/>
    public override string Name => "classic";

    /// <summary>Implemented as <c>sqrt(freq)</c>.</summary>
    public override float Tf(float freq) => (float)Math.Sqrt(freq);

    /// <summary>Implemented as <c>1 + ln((docCount + 1) / (docFreq + 1))</c>.</summary>
    public override float Idf(long docFreq, long docCount) => (float)(Math.Log((docCount + 1) / (double)(docFreq + 1)) + 1.0);

    /// <summary>Implemented as <c>1 / sqrt(length)</c>.</summary>
    public override float LengthNorm(int length) => (float)(1.0 / Math.Sqrt(length));
}
