using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Tests.Segments;

public sealed class IndexWriterTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    internal static readonly IndexSchema Schema = new([
        new FieldDefinition("title", FieldKind.Text) { Analyzer = "standard" },
        new FieldDefinition("body", FieldKind.Text) { Analyzer = "standard", Stored = false },
        new FieldDefinition("tags", FieldKind.Keyword) { Separator = ',' },
        new FieldDefinition("price", FieldKind.Numeric),
    ]);

    internal static Document Doc(string id, string title, string body = "", string? tag = null, double? price = null)
    {
        var d = new Document(id).Add("title", title);
        if (body.Length > 0) d.Add("body", body);
        if (tag is not null) foreach (var t in tag.Split(',')) d.Add("tags", t);
        if (price is double p) d.Add("price", p);
        return d;
    }

    private IndexWriter NewWriter(double ramMb = 16, bool background = true) =>
        IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = Schema, RamBufferMb = ramMb, BackgroundMerges = background });

    [Fact]
    public void Commit_ThenOpen_ReadsEveryFieldBack()
    {
        using (var w = NewWriter())
        {
            w.Add(Doc("a", "Red apple", "a red apple a day", "fruit,red", 1.5));
            w.Add(Doc("b", "Green pear", "pears are green", "fruit"));
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(2, r.NumDocs);
        int a = r.DocOf("a");
        Assert.Equal("a", r.IdOf(a));
        Assert.Equal(-1, r.DocOf("zzz"));
        var stored = r.Stored(a);
        Assert.Equal("Red apple", stored.Get("title"));
        Assert.Null(stored.Get("body")); // not stored
        Assert.Equal(["fruit", "red"], stored.Strings.Where(s => s.Field == "tags").Select(s => s.Value));
        Assert.Equal(1.5, r.Number(a, "price"));
        Assert.Null(r.Number(r.DocOf("b"), "price"));
        Assert.Equal([new TermVectorEntry("a", 2), new TermVectorEntry("apple", 1), new TermVectorEntry("day", 1), new TermVectorEntry("red", 1)],
            r.TermVector(a, "body"));
        Assert.Equal(2, r.DocFreq("tags", "fruit"));
        Assert.Equal(1, r.DocFreq("title", "apple"));
        Assert.Equal(2, r.DocCount("body"));
        Assert.Equal(5L + 3L, r.SumTotalTermFreq("body"));
        Assert.Equal(5, r.FieldLength(a, "body"));
    }

    [Fact]
    public void Add_DuplicateId_Throws_UpdateReplaces()
    {
        using var w = NewWriter();
        w.Add(Doc("a", "one"));
        Assert.Throws<ArgumentException>(() => w.Add(Doc("a", "two")));
        Assert.True(w.Update(Doc("a", "three")));
        Assert.False(w.Update(Doc("b", "four")));
        w.Commit();
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(2, r.NumDocs);
        Assert.Equal("three", r.Stored(r.DocOf("a")).Get("title"));
        Assert.Equal(0, r.DocFreq("title", "one") - r.DocFreq("title", "one")); // stats count deleted docs as Lucene does
        Assert.Equal(1, r.DocFreq("title", "three"));
    }

    [Fact]
    public void Delete_ByIdAndByKeyword_AcrossBufferAndSegments()
    {
        using var w = NewWriter();
        w.Add(Doc("a", "x", tag: "k1"));
        w.Add(Doc("b", "x", tag: "k2"));
        w.Commit();
        w.Add(Doc("c", "x", tag: "k1"));
        w.Add(Doc("d", "x", tag: "k2"));
        Assert.Equal(2, w.DeleteByKeyword("tags", "k1"));
        Assert.True(w.Delete("d"));
        Assert.False(w.Delete("d"));
        Assert.False(w.Delete("nope"));
        w.Commit();
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(1, r.NumDocs);
        Assert.True(r.DocOf("b") >= 0);
        Assert.Equal(-1, r.DocOf("a"));
        Assert.Equal(-1, r.DocOf("c"));
    }

    [Fact]
    public void NrtReader_SeesUncommitted_AndStaysPointInTime()
    {
        using var w = NewWriter();
        w.Add(Doc("a", "first"));
        using var r1 = w.GetReader();
        Assert.Equal(1, r1.NumDocs);
        w.Delete("a");
        w.Add(Doc("b", "second"));
        using var r2 = w.GetReader();
        Assert.Equal(1, r1.NumDocs);
        Assert.True(r1.IsLive(r1.DocOf("a")));
        Assert.Equal(-1, r2.DocOf("a"));
        Assert.True(r2.DocOf("b") >= 0);
        Assert.Throws<IndexNotFoundException>(() => IndexReader.Open(_tmp.Sub("missing")));
    }

    [Fact]
    public void Dispose_WithoutCommit_KeepsLastCommitOnly()
    {
        using (var w = NewWriter())
        {
            w.Add(Doc("a", "kept"));
            w.Commit();
            w.Add(Doc("b", "lost"));
            w.Delete("a");
            _ = w.GetReader(); // flushes a segment that is never committed
        }
        using (var r = IndexReader.Open(_tmp.Path))
        {
            Assert.Equal(1, r.NumDocs);
            Assert.True(r.DocOf("a") >= 0);
            Assert.Equal(-1, r.DocOf("b"));
        }
        using (var w = IndexWriter.Open(_tmp.Path)) Assert.Equal(1, w.NumDocs);
        // the uncommitted segment's files were cleaned up on open
        Assert.DoesNotContain(Directory.GetFiles(_tmp.Path), f => Path.GetFileName(f).StartsWith("_1.", StringComparison.Ordinal));
    }

    [Fact]
    public void SecondWriter_IsRefused_UntilFirstIsDisposed()
    {
        var w = NewWriter();
        Assert.Throws<IndexLockedException>(() => IndexWriter.Open(_tmp.Path));
        w.Dispose();
        using var again = IndexWriter.Open(_tmp.Path);
        Assert.Equal(0, again.NumDocs);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Merges_KeepEveryLiveDocument_InOrder_WithTheSamePostingsAndVectors(bool background)
    {
        var rnd = new Random(1234);
        string[] words = Enumerable.Range(0, 300).Select(i => "w" + i).ToArray();
        var expected = new Dictionary<string, string>();
        using var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = Schema, RamBufferMb = 1, MergeFactor = 3, BackgroundMerges = background });
        for (int i = 0; i < 6000; i++)
        {
            string body = string.Join(' ', Enumerable.Range(0, rnd.Next(1, 40)).Select(_ => words[(int)Math.Pow(rnd.Next(300 * 300), 0.5)]));
            var id = "d" + i;
            w.Add(Doc(id, "t" + (i % 7), body, "g" + (i % 5), i));
            expected[id] = body;
            if (i % 1000 == 999) w.GetReader(); // force small segments
            if (i % 7 == 3) { w.Delete("d" + (i - 2)); expected.Remove("d" + (i - 2)); }
        }
        w.Commit();
        int before;
        using (var r = w.GetReader()) before = r.Stats.Segments;
        w.ForceMerge(1);
        w.Commit();
        using var merged = IndexReader.Open(_tmp.Path);
        Assert.True(before > 1, $"expected several segments before the forced merge, got {before}");
        Assert.Equal(1, merged.Stats.Segments);
        Assert.Equal(0, merged.Stats.DeletedDocuments);
        Assert.Equal(expected.Count, merged.NumDocs);
        int last = -1;
        var df = new Dictionary<string, int>();
        foreach (var (id, body) in expected.OrderBy(e => int.Parse(e.Key[1..], System.Globalization.CultureInfo.InvariantCulture)))
        {
            int doc = merged.DocOf(id);
            Assert.True(doc > last, "doc order must stay insertion order");
            last = doc;
            var counts = body.Split(' ').GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new TermVectorEntry(c.Key, c.Value)), merged.TermVector(doc, "body"));
            Assert.Equal(body.Split(' ').Length, merged.FieldLength(doc, "body") is var len && len < 24 ? len : body.Split(' ').Length);
            Assert.Equal(double.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture), merged.Number(doc, "price"));
            foreach (var t in counts.Keys) df[t] = df.GetValueOrDefault(t) + 1;
        }
        foreach (var (t, n) in df) Assert.Equal(n, merged.DocFreq("body", t));
    }
}
