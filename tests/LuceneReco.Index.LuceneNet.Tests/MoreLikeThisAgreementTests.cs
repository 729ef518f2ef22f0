using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;
using Xunit.Abstractions;
using LuceneMlt = Lucene.Net.Queries.Mlt.MoreLikeThis;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>
/// Agreement on the Debian corpus (the first 10,000 items, every 33rd of them as a query, so about 300): the Lucene.Net
/// backend's MoreLikeThis top 10 equals plain Lucene.Net <see cref="LuceneMlt"/> with the same settings, searched
/// the way a Lucene.Net application would (overlap@10 at least 0.99 on average).
/// </summary>
public sealed class MoreLikeThisAgreementTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _temp = new();

    [RequiresDebianCorpusFact]
    public void LikeDoc_DebianItems_Top10EqualsPlainLuceneNet()
    {
        string dir = _temp.Sub("debian");
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text), new FieldDefinition("body", FieldKind.Text)]);
        using var index = LuceneNetRecallIndex.Open(dir, schema);
        foreach (var (id, title, body) in DebianCorpus.Rows(10_000)) index.Add(new Document(id).Add("title", title).Add("body", body));
        index.Commit();
        index.Refresh();
        using var view = index.Acquire();
        Assert.Equal(10_000, view.NumDocs);
        var options = new MoreLikeThisOptions { MinTermFreq = 2, MinDocFreq = 5, MaxQueryTerms = 25, Similarity = new ClassicSimilarity() };

        using var luceneDir = FSDirectory.Open(dir);
        using var reader = DirectoryReader.Open(luceneDir);
        var searcher = new IndexSearcher(reader); // DefaultSimilarity, Lucene.Net's default
        var plain = new LuceneMlt(reader) { FieldNames = ["title", "body"], MinTermFreq = 2, MinDocFreq = 5, MaxQueryTerms = 25 };

        double overlap = 0;
        int queries = 0, exact = 0;
        for (int doc = 0; doc < reader.MaxDoc; doc += 33)
        {
            var expected = searcher.Search(plain.Like(doc), 11).ScoreDocs.Where(h => h.Doc != doc).Take(10).Select(h => h.Doc).ToList();
            var ours = view.MoreLikeThis(view.LikeDoc(doc, options), 10, options).Select(h => h.Doc).ToList();
            queries++;
            if (expected.Count == 0 && ours.Count == 0) { overlap++; exact++; continue; }
            overlap += expected.Intersect(ours).Count() / (double)Math.Max(expected.Count, ours.Count);
            if (expected.SequenceEqual(ours)) exact++;
        }
        double mean = overlap / queries;
        output.WriteLine($"{queries} queries: overlap@10 {mean:F4}, identical lists {exact}");
        Assert.True(queries >= 300, $"only {queries} queries");
        Assert.True(mean >= 0.99, $"overlap@10 {mean:F4} over {queries} queries ({exact} identical)");
    }

    public void Dispose() => _temp.Dispose();
}
