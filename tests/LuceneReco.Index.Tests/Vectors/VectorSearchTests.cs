using LuceneReco.Index.Tests.Segments;
using LuceneReco.Index.Vectors;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Vectors;

/// <summary>The exact scan equals a brute-force ranking, honours filters before the top k, and refuses foreign queries.</summary>
public sealed class VectorSearchTests(ITestOutputHelper output) : IDisposable
{
    private static readonly VectorSpace Space = new("test-model", 16);
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>An index of <paramref name="count"/> docs in three segments, about 4 in 5 with a seeded random vector, a few deleted.</summary>
    private (IndexReader Reader, Dictionary<string, float[]> Vectors) Build(Random rng, int count)
    {
        var vectors = new Dictionary<string, float[]>();
        using (var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, BackgroundMerges = false, MergeFactor = 10 }))
        {
            for (int i = 0; i < count; i++)
            {
                w.Add(IndexWriterTests.Doc($"d{i}", $"doc {i}", tag: i % 3 == 0 ? "three" : "other"));
                if (i % (count / 3) == 0) w.Commit();
            }
            w.Commit();
            for (int i = 0; i < count; i++)
            {
                if (rng.Next(5) == 0) continue;
                var v = new float[Space.Dimension];
                for (int j = 0; j < v.Length; j++) v[j] = (float)(rng.NextDouble() * 2 - 1);
                w.SetVector($"d{i}", Space, v);
                vectors[$"d{i}"] = v;
            }
            for (int i = 0; i < count; i += 17) { w.Delete($"d{i}"); vectors.Remove($"d{i}"); }
            w.Commit();
        }
        return (IndexReader.Open(_tmp.Path), vectors);
    }

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return (float)(dot / Math.Sqrt(na * nb));
    }

    [Fact]
    public void Nearest_EqualsBruteForce_WithAndWithoutAFilter()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        var (reader, vectors) = Build(rng, 600);
        using var _ = reader;
        for (int q = 0; q < 20; q++)
        {
            var query = new float[Space.Dimension];
            for (int j = 0; j < query.Length; j++) query[j] = (float)(rng.NextDouble() * 2 - 1);
            bool filtered = q % 2 == 1;
            Func<int, bool>? accept = filtered ? doc => int.Parse(reader.IdOf(doc)[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 : null;
            var expected = vectors
                .Where(kv => !filtered || int.Parse(kv.Key[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0)
                .Select(kv => (Id: kv.Key, Score: Cosine(query, kv.Value)))
                .OrderByDescending(x => x.Score).Take(10).ToList();
            var hits = VectorSearch.Nearest(reader, Space, query, 10, accept).Hits;
            string where = $"{TestSeed.Describe(seed)}, query {q}{(filtered ? " (filtered)" : "")}";
            Assert.True(hits.Count == 10, $"{where}: {hits.Count} hits");
            for (int i = 0; i < 10; i++)
            {
                Assert.True(MathF.Abs(hits[i].Score - expected[i].Score) < 1e-4f, $"{where}: hit {i} scores {hits[i].Score}, brute force {expected[i].Score}");
                if (i > 0) Assert.True(hits[i - 1].Score >= hits[i].Score, $"{where}: hits out of order at {i}");
            }
            var gotIds = hits.Select(h => reader.IdOf(h.Doc)).ToHashSet();
            int agree = expected.Count(e => gotIds.Contains(e.Id));
            Assert.True(agree >= 9, $"{where}: only {agree} of brute force's top 10 found"); // ties at the 10th place may differ
        }
    }

    [Fact]
    public void Nearest_SelectiveFilter_StillReturnsKWhenKMatch()
    {
        int seed = TestSeed.Next();
        var (reader, vectors) = Build(new Random(seed), 300);
        using var _ = reader;
        var allowed = vectors.Keys.Take(7).Select(reader.DocOf).ToHashSet();
        var hits = VectorSearch.Nearest(reader, Space, vectors.Values.Last(), 5, allowed.Contains).Hits;
        Assert.True(hits.Count == 5, $"{TestSeed.Describe(seed)}: {hits.Count} hits");
        Assert.All(hits, h => Assert.Contains(h.Doc, allowed));
        Assert.Equal(7, VectorSearch.Nearest(reader, Space, vectors.Values.Last(), 50, allowed.Contains).Hits.Count);
    }

    [Fact]
    public void Nearest_QueryFromAnotherModel_IsRefused()
    {
        var (reader, _) = Build(new Random(1), 30);
        using var __ = reader;
        var e = Assert.Throws<ArgumentException>(() => VectorSearch.Nearest(reader, new VectorSpace("other", 16), new float[16], 3));
        Assert.Contains("'other' (16 dimensions)", e.Message);
        Assert.Throws<ArgumentException>(() => VectorSearch.Nearest(reader, new VectorSpace("test-model", 8), new float[8], 3));
    }

    [Fact]
    public void Cosine_OfADocWithItself_IsOne_AndNullWithoutAVector()
    {
        var (reader, vectors) = Build(new Random(2), 60);
        using var _ = reader;
        int a = reader.DocOf(vectors.Keys.First());
        Assert.Equal(1f, VectorSearch.Cosine(reader, a, a)!.Value, 4);
        int none = Enumerable.Range(0, reader.MaxDoc).First(d => reader.IsLive(d) && !reader.HasVector(d));
        Assert.Null(VectorSearch.Cosine(reader, a, none));
    }
}
