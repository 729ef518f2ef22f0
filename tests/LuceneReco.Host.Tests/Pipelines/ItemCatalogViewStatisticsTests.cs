using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>The host's catalogue answers <see cref="IFieldStatistics"/> and <see cref="IItemVectors"/> from the index, so features and stages see the whole catalogue and its embeddings.</summary>
public sealed class ItemCatalogViewStatisticsTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly IndexReader _reader;

    public ItemCatalogViewStatisticsTests()
    {
        string dir = _files.PathOf("index");
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text), new FieldDefinition("category", FieldKind.Keyword), new FieldDefinition("year", FieldKind.Numeric)]);
        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = schema }))
        {
            writer.Add(new Document("a").Add("title", "red apple").Add("category", "fruit"));
            writer.Add(new Document("b").Add("title", "green pear tree").Add("category", "fruit").Add("year", 2001));
            writer.Commit();
            writer.Add(new Document("c").Add("category", "stone")); // no title: does not count for the title's figures
            writer.Add(new Document("d").Add("title", "blue plum orchard garden"));
            writer.Commit();
        }
        _reader = IndexReader.Open(dir);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void Counts_the_items_that_have_a_field_across_segments()
    {
        IFieldStatistics stats = new ItemCatalogView(NativeRecallIndex.View(_reader));
        Assert.Equal(3, stats.DocCount("title"));
        Assert.Equal(3, stats.DocCount("category"));
    }

    [Fact]
    public void Mean_length_is_the_tokens_of_the_items_that_have_the_field()
    {
        IFieldStatistics stats = new ItemCatalogView(NativeRecallIndex.View(_reader));
        Assert.Equal((2 + 3 + 4) / 3.0, stats.AverageLength("title")!.Value, 9);
        // the same figure the learned ranker would get from the items' own term vectors
        var catalog = new ItemCatalogView(NativeRecallIndex.View(_reader));
        double fromVectors = new[] { "a", "b", "d" }.Average(id => catalog.TermVector(id, "title").Sum(t => t.Value));
        Assert.Equal(fromVectors, stats.AverageLength("title")!.Value, 9);
    }

    [Fact]
    public void Unknown_and_non_text_fields_are_unknown_not_zero()
    {
        IFieldStatistics stats = new ItemCatalogView(NativeRecallIndex.View(_reader));
        Assert.Null(stats.AverageLength("nope"));
        Assert.Null(stats.DocCount("nope"));
        Assert.Null(stats.AverageLength("year"));
        Assert.Null(stats.AverageLength("category"));
        Assert.Null(stats.DocCount("year"));
    }

    [Fact]
    public void Vectors_AreTheIndexsUnitVectors_AndAbsentWhereThereAreNone()
    {
        IItemVectors none = new ItemCatalogView(NativeRecallIndex.View(_reader));
        Assert.Equal(0, none.VectorDimension);
        Assert.Null(none.VectorModel);
        Assert.False(none.TryCopyVector("a", new float[4]));

        string dir = _files.PathOf("with-vectors");
        var space = new LuceneReco.Index.Vectors.VectorSpace("test-model", 3);
        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text)]) }))
        {
            writer.Add(new Document("x").Add("title", "one"));
            writer.Add(new Document("y").Add("title", "two"));
            writer.Commit();
            writer.SetVector("x", space, [3, 0, 4]);
            writer.Commit();
        }
        using var reader = IndexReader.Open(dir);
        IItemVectors vectors = new ItemCatalogView(NativeRecallIndex.View(reader));
        Assert.Equal(3, vectors.VectorDimension);
        Assert.Equal("test-model", vectors.VectorModel);
        var into = new float[3];
        Assert.True(vectors.TryCopyVector("x", into));
        Assert.Equal([0.6f, 0f, 0.8f], into);
        Assert.False(vectors.TryCopyVector("y", into)); // not embedded yet
        Assert.False(vectors.TryCopyVector("ghost", into));
        Assert.Throws<ArgumentException>(() => vectors.TryCopyVector("x", new float[2]));
    }
}
