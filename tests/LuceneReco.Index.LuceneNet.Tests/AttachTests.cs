using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneDocument = Lucene.Net.Documents.Document;
using LuceneWriter = Lucene.Net.Index.IndexWriter;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>
/// An index written with Lucene.Net directly, as a user's application keeps its catalogue, attached read-only by a
/// schema file: searched, MoreLikeThis run over it, and an item the application adds and commits afterwards appears
/// after a refresh; writes through LuceneReco are refused; schema mistakes are reported all at once.
/// </summary>
public sealed class AttachTests : IDisposable
{
    private const string Schema = """
        {
          // the application's field names; "sku" is its id
          "id": "sku",
          "fields": [
            { "name": "name", "kind": "text", "analyzer": "standard" },
            { "name": "description", "kind": "text", "analyzer": "standard" },
            { "name": "brand", "kind": "keyword" },
            { "name": "year", "kind": "numeric", "numericType": "int" }
          ]
        }
        """;

    private readonly TempDir _temp = new();
    private readonly FSDirectory _dir;
    private readonly LuceneWriter _app;

    private static readonly FieldType NameType = NewNameType();

    private static FieldType NewNameType()
    {
        var t = new FieldType(TextField.TYPE_STORED) { StoreTermVectors = true };
        t.Freeze();
        return t;
    }

    public AttachTests()
    {
        _dir = FSDirectory.Open(_temp.Sub("catalogue"));
        _app = new LuceneWriter(_dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)));
        string[] brands = ["acme", "globex", "initech"];
        string[] kinds = ["laptop", "phone", "tablet", "monitor", "keyboard"];
        for (int i = 0; i < 60; i++)
            _app.AddDocument(Product($"P{i:000}", $"{brands[i % 3]} {kinds[i % 5]} model {i % 7}",
                $"A {kinds[i % 5]} with a {(i % 2 == 0 ? "bright screen" : "long battery")} for {(i % 4 == 0 ? "travel" : "office")} work", brands[i % 3], 2015 + i % 8));
        _app.Commit();
    }

    private static LuceneDocument Product(string sku, string name, string description, string brand, int year) =>
    [
        new StringField("sku", sku, Field.Store.YES),
        new Field("name", name, NameType),
        new TextField("description", description, Field.Store.YES),
        new StringField("brand", brand, Field.Store.YES),
        new Int32Field("year", year, Field.Store.YES),
    ];

    private LuceneNetRecallIndex Attach() => LuceneNetRecallIndex.Attach(_temp.Sub("catalogue"), LuceneNetSchema.FromJson(Schema));

    [Fact]
    public void Attach_SearchAndMoreLikeThis_WorkOnTheApplicationsIndex()
    {
        using var index = Attach();
        Assert.True(index.ReadOnly);
        Assert.Equal("lucenenet", index.Backend);
        var warning = Assert.Single(index.Warnings);
        Assert.Contains("'description' has no term vectors", warning);
        Assert.Contains("re-analyses its stored text", warning);
        using var view = index.Acquire();
        Assert.Equal(60, view.NumDocs);
        var query = view.Parse("Laptop", ["brand=acme", "year=2016..2020"]);
        var hits = view.Search(query, 100).Hits.Select(h => view.Stored(h.Doc)).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, d => Assert.Equal("acme", d.Get("brand")));
        Assert.All(hits, d => Assert.InRange(d.Numbers.Single(n => n.Field == "year").Value, 2016, 2020));
        Assert.All(hits, d => Assert.Contains("laptop", d.Get("name")));
        int doc = view.DocOf("P003");
        Assert.Equal("P003", view.IdOf(doc));
        Assert.Equal(2018, view.Number(doc, "year"));
        Assert.Throws<ArgumentException>(() => view.TermVector(doc, "description"));
        Assert.NotEmpty(view.TermVector(doc, "name"));
        var options = new MoreLikeThisOptions { Fields = ["name", "description"], MinTermFreq = 1, MinDocFreq = 2 };
        var mlt = view.LikeDoc(doc, options);
        Assert.Contains(mlt.Terms, t => t.Term == "battery"); // only in the description: read by re-analysing stored text
        var similar = view.MoreLikeThis(mlt, 5, options);
        Assert.Equal(5, similar.Count);
        Assert.All(similar, h => Assert.NotEmpty(h.MatchedTerms));
        var profile = view.LikeDocs([(doc, 1f), (view.DocOf("P010"), 0.5f)], options);
        Assert.NotEmpty(view.MoreLikeThis(profile, 5, options));
    }

    [Fact]
    public void Attach_ApplicationCommitsLater_ItemAppearsAfterRefresh()
    {
        using var index = Attach();
        _app.AddDocument(Product("P900", "acme drone", "A drone for aerial photos", "acme", 2024));
        using (var view = index.Acquire()) Assert.Equal(-1, view.DocOf("P900"));
        index.Refresh();
        using (var view = index.Acquire()) Assert.Equal(-1, view.DocOf("P900")); // not committed yet
        _app.Commit();
        Assert.True(index.Refresh());
        using (var view = index.Acquire())
        {
            Assert.Equal(61, view.NumDocs);
            var hit = Assert.Single(view.Search(new TermQuery("name", "drone"), 10).Hits);
            Assert.Equal("P900", view.IdOf(hit.Doc));
        }
    }

    [Fact]
    public void Attach_Writes_ThrowIndexReadOnlyException()
    {
        using var index = Attach();
        var e = Assert.Throws<IndexReadOnlyException>(() => index.Update(new Documents.Document("P001").Add("name", "x")));
        Assert.Equal("update", e.Operation);
        Assert.Contains("read-only", e.Message);
        Assert.Throws<IndexReadOnlyException>(() => index.DeleteByKeyword("brand", "acme"));
        Assert.Throws<IndexReadOnlyException>(() => index.Commit());
    }

    [Fact]
    public void Attach_SchemaNamesMissingFields_ListsEveryProblem()
    {
        var schema = LuceneNetSchema.FromJson("""{"id": "code", "fields": [{"name": "name", "kind": "text"}, {"name": "colour", "kind": "keyword"}]}""");
        var e = Assert.Throws<ArgumentException>(() => LuceneNetRecallIndex.Attach(_temp.Sub("catalogue"), schema));
        Assert.Contains("id field 'code' is not in the index", e.Message);
        Assert.Contains("field 'colour' is not in the index", e.Message);
        Assert.Contains("sku", e.Message); // names the fields it has
    }

    [Fact]
    public void SchemaJson_Invalid_NamesEveryProblem()
    {
        var e = Assert.Throws<FormatException>(() => LuceneNetSchema.FromJson(
            """{"fields": [{"name": "a", "kind": "colour"}, {"name": "b", "kind": "text", "analyzer": "klingon"}, {"name": "c", "kind": "numeric", "numericType": "decimal"}]}"""));
        Assert.Contains("kind must be text, keyword, numeric or stored", e.Message);
        Assert.Contains("unknown analyzer 'klingon'", e.Message);
        Assert.Contains("numericType must be int, long, float or double", e.Message);
    }

    [Fact]
    public void Attach_NoIndexThere_ThrowsIndexNotFound() =>
        Assert.Throws<Store.IndexNotFoundException>(() => LuceneNetRecallIndex.Attach(_temp.Sub("empty"), LuceneNetSchema.FromJson(Schema)));

    public void Dispose()
    {
        _app.Dispose();
        _dir.Dispose();
        _temp.Dispose();
    }
}
