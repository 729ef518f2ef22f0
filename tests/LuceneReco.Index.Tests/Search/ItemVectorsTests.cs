using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.Tests.Search;

public sealed class ItemVectorsTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Cosine_OfHandComputedVectors_IsTheirNormalisedDotProduct()
    {
        var a = new SparseVector(["x", "y"], [3f, 4f]);      // unit: 0.6, 0.8
        var b = new SparseVector(["y", "z"], [1f, 1f]);      // unit: 0.7071, 0.7071
        Assert.Equal(0.8f * MathF.Sqrt(0.5f), a.Cosine(b), 5);
        Assert.Equal(a.Cosine(b), b.Cosine(a));
        Assert.Equal(1f, a.Cosine(a), 5);
        Assert.Equal(0f, a.Cosine(SparseVector.Empty));
    }

    [Fact]
    public void Constructor_RejectsUnsortedKeysAndNegativeWeights_AndDoesNotChangeTheCallersArray()
    {
        Assert.Throws<ArgumentException>(() => new SparseVector(["b", "a"], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => new SparseVector(["a", "a"], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => new SparseVector(["a"], [-1f]));
        var weights = new[] { 3f, 4f };
        _ = new SparseVector(["a", "b"], weights);
        Assert.Equal([3f, 4f], weights);
    }

    [Fact]
    public void ItemVectors_SameTextIsIdentical_DisjointTextIsOrthogonal_SharedTermsInBetween()
    {
        var schema = new IndexSchema([new FieldDefinition("body", FieldKind.Text) { Analyzer = "english" }]);
        using var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = schema });
        w.Add(new Document("a").Add("body", "orbital station repair crew"));
        w.Add(new Document("b").Add("body", "orbital station repair crew"));
        w.Add(new Document("c").Add("body", "garden tomatoes compost"));
        w.Add(new Document("d").Add("body", "station garden"));
        using var r = w.GetReader();
        var v = new ItemVectors(r);
        int a = r.DocOf("a"), b = r.DocOf("b"), c = r.DocOf("c"), d = r.DocOf("d");
        Assert.Equal(1f, v.Cosine(a, b), 5);
        Assert.Equal(0f, v.Cosine(a, c));
        float ad = v.Cosine(a, d);
        Assert.InRange(ad, 0.01f, 0.99f);
        Assert.Equal(["body:crew", "body:orbit", "body:repair", "body:station"], v.Of(a).Keys.ToArray());
        Assert.Null(v.Of("missing"));
        Assert.Throws<ArgumentException>(() => new ItemVectors(r, ["nope"]));
    }
}
