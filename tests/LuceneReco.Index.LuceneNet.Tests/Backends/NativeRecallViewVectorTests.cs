using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>Dense vectors through the recall view on the native index (they are set through its writer, as the embed job does).</summary>
public sealed class NativeRecallViewVectorTests : IDisposable
{
    private readonly TempDir _temp = new();

    [Fact]
    public void NearestVectors_ThroughTheView_FindsTheClosestItemFirst()
    {
        string dir = _temp.Sub("v");
        var space = new Vectors.VectorSpace("test-encoder", 3);
        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = TestCorpus.Schema, BackgroundMerges = false }))
        {
            foreach (var d in new TestCorpus(5, 4).Items) writer.Add(d);
            writer.SetVector("item-0", space, [1, 0, 0]);
            writer.SetVector("item-1", space, [0, 1, 0]);
            writer.SetVector("item-2", space, [0.9f, 0.1f, 0]);
            writer.Commit();
        }
        using var index = NativeRecallIndex.OpenReadOnly(dir);
        Assert.Empty(index.Unavailable);
        using var view = index.Acquire();
        Assert.Equal(space, view.VectorSpace);
        Assert.Equal(3, view.Vector(view.DocOf("item-1")).Length);
        Assert.True(view.Vector(view.DocOf("item-3")).IsEmpty);
        var top = view.NearestVectors(space, [1, 0.05f, 0], 2);
        Assert.Equal(["item-0", "item-2"], top.Hits.Select(h => view.IdOf(h.Doc)));
    }

    public void Dispose() => _temp.Dispose();
}
