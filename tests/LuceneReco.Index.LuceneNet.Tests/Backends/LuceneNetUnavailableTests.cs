using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>What the Lucene.Net backend lacks is reported, never silently missing.</summary>
public sealed class LuceneNetUnavailableTests : IDisposable
{
    private readonly TempDir _temp = new();

    [Fact]
    public void DenseVectors_AreListedUnavailable_AndNearestVectorsSaysWhy()
    {
        using var index = LuceneNetRecallIndex.Open(_temp.Sub("i"), TestCorpus.Schema);
        index.Add(TestCorpus.Item(new Random(1), "a"));
        index.Commit();
        index.Refresh();
        Assert.Contains("dense vectors", index.Unavailable.Keys);
        Assert.Contains("block-max pruning", index.Unavailable.Keys);
        using var view = index.Acquire();
        Assert.Null(view.VectorSpace);
        var e = Assert.Throws<BackendFeatureUnavailableException>(() => view.NearestVectors(new Vectors.VectorSpace("m", 2), [1, 0], 5));
        Assert.Contains("Lucene.Net 4.8 has no vector field", e.Message);
    }

    public void Dispose() => _temp.Dispose();
}
