using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Tests.Search.Similarities;

/// <summary>BM25 with Lucene's defaults (k1 = 1.2, b = 0.75): the similarity contract, parameter checks, and exact values of Lucene 8's formula.</summary>
public sealed class Bm25SimilarityTests : SimilarityContractTests
{
    protected override Similarity Create() => new Bm25Similarity();

    /// <summary>10 docs, 50 terms: average field length 5.</summary>
    private static readonly CollectionStatistics TenDocs = new("body", 10, 10, 50);

    [Theory]
    [InlineData(-1f)]
    [InlineData(-0.0001f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Constructor_BadK1_ThrowsArgumentOutOfRangeNamingK1(float k1)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25Similarity(k1: k1));
        Assert.Equal("k1", e.ParamName);
        Assert.Contains(">= 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(2f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Constructor_BadB_ThrowsArgumentOutOfRangeNamingB(float b)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25Similarity(b: b));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("between 0 and 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0f, 1f)]
    [InlineData(1000f, 0.5f)]
    public void Constructor_EdgesOfTheLegalRange_AreAccepted(float k1, float b)
    {
        var sim = new Bm25Similarity(k1, b);
        Assert.Equal(k1, sim.K1);
        Assert.Equal(b, sim.B);
    }

    [Fact]
    public void Idf_OneOfTen_IsLnOfOnePlusNinePointFiveOverOnePointFive()
    {
        Assert.Equal(1.9924302101135254f, new Bm25Similarity().Idf(1, 10)); // ln(1 + 9.5 / 1.5)
        Assert.True(new Bm25Similarity().Idf(10, 10) > 0, "Lucene's BM25 idf stays positive even for a term in every doc");
    }

    /// <summary>Expected values from Lucene 8's <c>weight - weight / (1 + freq / (k1 * (1 - b + b * dl / avgdl)))</c>, each step rounded to float.</summary>
    [Theory]
    [InlineData(1f, 2f, 7, 1.1193428039550781f)]
    [InlineData(2.5f, 3f, 100, 0.7261042594909668f)] // length 100 is stored as 96
    public void Score_HandComputedLuceneValue_MatchesBitForBit(float boost, float freq, int length, float expected)
    {
        var scorer = new Bm25Similarity().Scorer(boost, TenDocs, new TermStatistics("t", 1, 3));
        float actual = scorer.Score(freq, SmallFloat.IntToByte4(length));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    [Fact]
    public void Score_ManyOccurrences_ApproachesButNeverExceedsBoostTimesIdf()
    {
        var sim = new Bm25Similarity();
        var scorer = sim.Scorer(3f, TenDocs, new TermStatistics("t", 2, 5));
        float weight = 3f * sim.Idf(2, 10);
        Assert.Equal(weight, scorer.MaxScore(1));
        Assert.True(scorer.Score(1_000_000f, 5) <= weight);
        Assert.True(scorer.Score(1_000_000f, 5) > 0.999f * weight);
    }

    [Fact]
    public void Score_LengthIsTheAverage_EqualsFreqOverFreqPlusK1()
    {
        // with dl == avgdl the length factor is 1 whatever b is: tf = freq / (freq + k1)
        var sim = new Bm25Similarity();
        var scorer = sim.Scorer(1f, TenDocs, new TermStatistics("t", 1, 3));
        Assert.Equal(sim.Idf(1, 10) * 2 / (2 + 1.2f), scorer.Score(2f, 5), 1e-6f);
    }

    [Fact]
    public void Explain_ListsFreqK1BDlAndAvgdl()
    {
        var e = new Bm25Similarity().Scorer(2f, TenDocs, new TermStatistics("t", 1, 3)).Explain(3f, SmallFloat.IntToByte4(7));
        Assert.Equal(["boost", "idf", "tf"], e.Details.Select(d => d.Description.Split([',', '('])[0]));
        var tf = e.Details[2];
        Assert.Equal([3f, 1.2f, 0.75f, 7f, 5f], tf.Details.Select(d => d.Value));
        Assert.Equal(e.Value, e.Details.Aggregate(1f, (p, d) => p * d.Value), 1e-5f);
    }

    /// <summary>With k1 = 0 (legal) the tf part is freq / (freq + 0) = 1, as Lucene explains it (not Infinity / Infinity).</summary>
    [Fact]
    public void Explain_K1Zero_TfDetailIsOne()
    {
        var e = new Bm25Similarity(k1: 0f).Scorer(1f, TenDocs, new TermStatistics("t", 1, 3)).Explain(2f, 7);
        Assert.Equal(1f, e.Details.Single(d => d.Description.StartsWith("tf", StringComparison.Ordinal)).Value);
    }
}
