using System.Text;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Segments;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Segments;

/// <summary>The in-place term dictionary: its UTF-8 comparison keeps string.CompareOrdinal's order, and every term is found.</summary>
public sealed class FieldTermsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Pieces = ["a", "z", "é", "中", "\uE000", "\uFFFD", "\uFF21", "😀", "𝄞", "\u0800", "~"];
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static string RandomTerm(Random rng)
    {
        var sb = new StringBuilder();
        for (int i = rng.Next(1, 5); i > 0; i--) sb.Append(Pieces[rng.Next(Pieces.Length)]);
        return sb.ToString();
    }

    [Fact]
    public void CompareUtf16Order_AgreesWithCompareOrdinal()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        for (int i = 0; i < 20_000; i++)
        {
            string x = RandomTerm(rng), y = RandomTerm(rng);
            int expected = Math.Sign(string.CompareOrdinal(x, y));
            int actual = Math.Sign(FieldTerms.CompareUtf16Order(Encoding.UTF8.GetBytes(x), Encoding.UTF8.GetBytes(y)));
            Assert.True(expected == actual, $"{TestSeed.Describe(seed)}: '{x}' vs '{y}': ordinal {expected}, ours {actual}");
        }
    }

    [Fact]
    public void EveryTerm_AcrossManyIndexBlocks_IsFound_AndNoOther()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        var schema = new IndexSchema([new FieldDefinition("tags", FieldKind.Keyword) { Separator = ',' }]);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        while (terms.Count < 700) terms.Add(RandomTerm(rng));
        var list = terms.ToList();
        using (var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = schema, BackgroundMerges = false }))
        {
            for (int i = 0; i < list.Count; i++) w.Add(new Document("d" + i).Add("tags", list[i]));
            w.Commit();
        }
        using var reader = IndexReader.Open(_tmp.Path);
        var searcher = new IndexSearcher(reader);
        for (int i = 0; i < list.Count; i++)
        {
            var hits = searcher.Search(new TermQuery("tags", list[i]), 5).Hits;
            Assert.True(hits.Count == 1 && reader.IdOf(hits[0].Doc) == "d" + i, $"{TestSeed.Describe(seed)}: term '{list[i]}' found {hits.Count} docs");
            Assert.Equal(1, reader.DocFreq("tags", list[i]));
        }
        for (int i = 0; i < 2000; i++)
        {
            string other = RandomTerm(rng);
            if (!terms.Contains(other)) Assert.True(reader.DocFreq("tags", other) == 0, $"{TestSeed.Describe(seed)}: '{other}' is not a term but was found");
        }
    }
}
