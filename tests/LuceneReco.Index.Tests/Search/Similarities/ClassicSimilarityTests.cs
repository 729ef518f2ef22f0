using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Tests.Search.Similarities;

/// <summary>ClassicSimilarity (Lucene 8 TF-IDF): the similarity contract, and exact values of Lucene's formulas computed in float step by step.</summary>
public sealed class ClassicSimilarityTests : SimilarityContractTests
{
    protected override Similarity Create() => new ClassicSimilarity();

    private static readonly CollectionStatistics TenDocs = new("body", 10, 10, 50);

    [Fact]
    public void Idf_OneOfTen_IsOnePlusLnElevenHalves()
    {
        // 1 + ln((10 + 1) / (1 + 1)) = 2.70474809..., rounded to float
        Assert.Equal(2.7047481536865234f, new ClassicSimilarity().Idf(1, 10));
        Assert.Equal(1f, new ClassicSimilarity().Idf(10, 10));
    }

    [Fact]
    public void Idf_DocFreqGrows_Decreases()
    {
        var sim = new ClassicSimilarity();
        for (long df = 1; df < 1000; df++) Assert.True(sim.Idf(df + 1, 1000) < sim.Idf(df, 1000), $"docFreq {df}");
    }

    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(4f, 2f)]
    [InlineData(2f, 1.41421354f)]
    public void Tf_IsSquareRootOfFreq(float freq, float expected) => Assert.Equal(expected, new ClassicSimilarity().Tf(freq));

    [Theory]
    [InlineData(1, 1f)]
    [InlineData(4, 0.5f)]
    [InlineData(100, 0.1f)]
    public void LengthNorm_IsOneOverSquareRootOfLength(int length, float expected) => Assert.Equal(expected, new ClassicSimilarity().LengthNorm(length));

    /// <summary>Expected values computed from Lucene's formulas with every step rounded to float (tf * (boost * idf), then * norm).</summary>
    [Theory]
    [InlineData(1f, 3f, 7, 1.770673155784607f)]
    [InlineData(1.5f, 3f, 7, 2.6560099124908447f)]
    public void Score_HandComputedLuceneValue_MatchesBitForBit(float boost, float freq, int length, float expected)
    {
        var scorer = new ClassicSimilarity().Scorer(boost, TenDocs, new TermStatistics("t", 1, 3));
        float actual = scorer.Score(freq, SmallFloat.IntToByte4(length));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    [Fact]
    public void Score_LengthAbove23_UsesLucenesLossyNormByte()
    {
        // Lucene's SmallFloat.intToByte4 keeps 4 significant bits above 23: length 100 is stored as byte 57 and read back as 96
        byte norm = SmallFloat.IntToByte4(100);
        Assert.Equal(57, norm);
        Assert.Equal(96, SmallFloat.Byte4ToInt(norm));
        var scorer = new ClassicSimilarity().Scorer(1f, TenDocs, new TermStatistics("t", 1, 3));
        Assert.Equal(0.39039677381515503f, scorer.Score(2f, norm)); // sqrt(2) * idf(1, 10) / sqrt(96), in float
    }

    [Fact]
    public void Scorer_DocCountZero_FallsBackToMaxDoc()
    {
        var sim = new ClassicSimilarity();
        var withDocCount = sim.Scorer(1f, new CollectionStatistics("f", 10, 10, 50), new TermStatistics("t", 1, 1));
        var withoutDocCount = sim.Scorer(1f, new CollectionStatistics("f", 10, 0, 0), new TermStatistics("t", 1, 1));
        Assert.Equal(withDocCount.Score(1, 1), withoutDocCount.Score(1, 1));
    }

    [Fact]
    public void PhraseScorer_IdfIsTheSumOfTheTermsIdf()
    {
        var sim = new ClassicSimilarity();
        var terms = new[] { new TermStatistics("a", 1, 1), new TermStatistics("b", 4, 9) };
        var phrase = sim.PhraseScorer(1f, TenDocs, terms);
        float idfSum = (float)((double)sim.Idf(1, 10) + sim.Idf(4, 10));
        Assert.Equal(idfSum, phrase.Score(1f, 1)); // tf(1) = 1 and lengthNorm(1) = 1
        var idf = phrase.Explain(1f, 1).Details.Single(d => d.Description.StartsWith("idf", StringComparison.Ordinal));
        Assert.Equal([sim.Idf(1, 10), sim.Idf(4, 10)], idf.Details.Select(d => d.Value));
    }

    [Fact]
    public void Explain_ProductOfDetails_IsTheScore()
    {
        var scorer = new ClassicSimilarity().Scorer(2.5f, TenDocs, new TermStatistics("t", 3, 5));
        var e = scorer.Explain(5f, SmallFloat.IntToByte4(30));
        Assert.Contains("product of", e.Description, StringComparison.Ordinal);
        Assert.Equal(4, e.Details.Count); // boost, idf, tf, fieldNorm
        float product = e.Details.Aggregate(1f, (p, d) => p * d.Value);
        Assert.Equal(e.Value, product, 5e-6f * e.Value);
    }

    [Fact]
    public void Explain_BoostOne_LeavesBoostOut()
    {
        var e = new ClassicSimilarity().Scorer(1f, TenDocs, new TermStatistics("t", 3, 5)).Explain(2f, 3);
        Assert.DoesNotContain(e.Details, d => d.Description == "boost");
        Assert.Equal(3, e.Details.Count);
    }
}
