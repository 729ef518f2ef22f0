using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

/// <summary>
/// A hand-built index for query tests (text fields title and body with the english analyzer, a keyword
/// field tags, a numeric field price), written in two segments so every query also crosses a segment
/// boundary. Shared by a test class through <see cref="IClassFixture{TFixture}"/>.
/// </summary>
public sealed class SmallIndex : IDisposable
{
    public static readonly IndexSchema Schema = new([
        new FieldDefinition("title", FieldKind.Text),
        new FieldDefinition("body", FieldKind.Text),
        new FieldDefinition("tags", FieldKind.Keyword) { Separator = ',' },
        new FieldDefinition("price", FieldKind.Numeric),
    ]);

    /// <summary>(id, title, body, tags, price): the first five go to segment one, the rest to segment two.</summary>
    public static readonly (string Id, string Title, string Body, string Tags, double? Price)[] Docs =
    [
        ("apple", "Red apple", "a red apple a day keeps the doctor away", "fruit,red", 1.5),
        ("pear", "Green pear", "pears are green and sweet", "fruit,green", 2),
        ("pie", "Apple pie", "apple pie with apple slices and an apple crust", "dessert", 10),
        ("car", "Red car", "a fast red car", "vehicle,red", 20000),
        ("whale1", "Blue whale", "blue whale", "animal", 10),
        ("bike", "Bike", "the red bike is not a car", "vehicle", null),
        ("usa", "United States of America", "the united states of america", "place", null),
        ("whale2", "Blue whale", "blue whale", "animal", 10),
    ];

    private readonly TempDir _dir = new();

    public SmallIndex()
    {
        using var writer = IndexWriter.Open(_dir.Path, new IndexWriterOptions { Schema = Schema, BackgroundMerges = false });
        for (int i = 0; i < Docs.Length; i++)
        {
            var (id, title, body, tags, price) = Docs[i];
            var doc = new Document(id).Add("title", title).Add("body", body);
            foreach (var tag in tags.Split(',')) doc.Add("tags", tag);
            if (price is double p) doc.Add("price", p);
            writer.Add(doc);
            if (i == 4) writer.Commit(); // ends segment one
        }
        writer.Commit();
        Reader = IndexReader.Open(_dir.Path);
    }

    public IndexReader Reader { get; }

    public IndexSearcher Searcher(Similarity? similarity = null) => new(Reader, similarity);

    public int Doc(string id) => Reader.DocOf(id);

    /// <summary>The ids of the hits, best first.</summary>
    public string[] Ids(TopDocs top) => top.Hits.Select(h => Reader.IdOf(h.Doc)).ToArray();

    /// <summary>The ids of the hits as a set (for queries whose order is not the point).</summary>
    public HashSet<string> IdSet(TopDocs top) => Ids(top).ToHashSet();

    /// <summary>The single term the english analyzer makes of <paramref name="word"/> (queries take analyzed terms).</summary>
    public static string Term(string word) => Analyzers.ByName("english").Terms(word).Single();

    public static TermQuery Body(string word) => new("body", Term(word));

    public void Dispose() => _dir.Dispose();
}
