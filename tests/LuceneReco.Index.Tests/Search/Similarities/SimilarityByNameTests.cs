using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search.Similarities;

public sealed class SimilarityByNameTests
{
    [Theory]
    [InlineData("classic", typeof(ClassicSimilarity))]
    [InlineData("TFIDF", typeof(ClassicSimilarity))]
    [InlineData("bm25", typeof(Bm25Similarity))]
    [InlineData("BM25", typeof(Bm25Similarity))]
    public void ByName_KnownName_ReturnsThatModel(string name, Type expected) => Assert.IsType(expected, Similarity.ByName(name));

    [Fact]
    public void ByName_Bm25_HasLuceneDefaults()
    {
        var bm25 = Assert.IsType<Bm25Similarity>(Similarity.ByName("bm25"));
        Assert.Equal(1.2f, bm25.K1);
        Assert.Equal(0.75f, bm25.B);
    }

    [Fact]
    public void ByName_UnknownName_ThrowsNamingItAndTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Similarity.ByName("dfr"));
        Assert.Contains("'dfr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("classic", e.Message, StringComparison.Ordinal);
        Assert.Contains("bm25", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("bm25")]
    public void Name_RoundTripsThroughByName(string name) => Assert.Equal(name, Similarity.ByName(name).Name);
}
