using System.Globalization;
using LuceneReco.Index.Tests.Segments;
using LuceneReco.Index.Vectors;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Vectors;

/// <summary>
/// HNSW search against the exact scan on seeded random sets: recall@10, filters honoured (a selective one falls back to the
/// exact answer), deleted documents never returned, the same vectors giving the same graph, and the background build.
/// </summary>
public sealed class HnswGraphTests(ITestOutputHelper output) : IDisposable
{
    private static readonly VectorSpace Space = new("test-model", 24);
    private static readonly VectorSearchOptions Approximate = new() { ApproximateAbove = 500, WaitForGraphs = true };
    private static readonly VectorSearchOptions Exact = new() { Exact = true };
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>
    /// <paramref name="count"/> docs in one segment, each with a vector near one of 40 seeded centres (clustered, as
    /// embeddings of real texts are), every <paramref name="deleteEvery"/>-th deleted when given.
    /// </summary>
    private IndexReader Build(Random rng, int count, int deleteEvery = 0)
    {
        var centres = Enumerable.Range(0, 40).Select(_ => RandomVector(rng, 1.0)).ToArray();
        using (var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, BackgroundMerges = false }))
        {
            for (int i = 0; i < count; i++) w.Add(IndexWriterTests.Doc($"d{i}", $"doc {i}"));
            w.Commit();
            for (int i = 0; i < count; i++)
            {
                var centre = centres[rng.Next(centres.Length)];
                var v = RandomVector(rng, 0.35);
                for (int j = 0; j < v.Length; j++) v[j] += centre[j];
                w.SetVector($"d{i}", Space, v);
            }
            if (deleteEvery > 0) for (int i = 0; i < count; i += deleteEvery) w.Delete($"d{i}");
            w.Commit();
        }
        return IndexReader.Open(_tmp.Path);
    }

    private static float[] RandomVector(Random rng, double scale)
    {
        var v = new float[Space.Dimension];
        for (int j = 0; j < v.Length; j++) v[j] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return v;
    }

    private static int Number(IndexReader reader, int doc) => int.Parse(reader.IdOf(doc)[1..], CultureInfo.InvariantCulture);

    private static double Recall(IReadOnlyList<LuceneReco.Index.Search.ScoreDoc> approximate, IReadOnlyList<LuceneReco.Index.Search.ScoreDoc> exact)
    {
        var truth = exact.Select(h => h.Doc).ToHashSet();
        return approximate.Count(h => truth.Contains(h.Doc)) / (double)exact.Count;
    }

    [Fact]
    public void RecallAt10_AgainstTheExactScan_IsHigh()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        using var reader = Build(rng, 4000);
        double total = 0;
        const int Queries = 60;
        for (int q = 0; q < Queries; q++)
        {
            var query = RandomVector(rng, 1.0);
            var exact = VectorSearch.Nearest(reader, Space, query, 10, null, Exact).Hits;
            var approximate = VectorSearch.Nearest(reader, Space, query, 10, null, Approximate).Hits;
            Assert.Equal(10, approximate.Count);
            for (int i = 1; i < approximate.Count; i++) Assert.True(approximate[i - 1].Score >= approximate[i].Score, $"out of order at {i}");
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm(query);
            foreach (var hit in approximate) // the score is the true cosine, not an estimate
            {
                float cosine = System.Numerics.Tensors.TensorPrimitives.Dot(query, reader.Vector(hit.Doc)) / norm;
                Assert.True(MathF.Abs(cosine - hit.Score) < 1e-4f, $"score {hit.Score}, cosine {cosine}");
            }
            total += Recall(approximate, exact);
        }
        double recall = total / Queries;
        output.WriteLine($"recall@10 {recall:0.000} over {Queries} queries");
        Assert.True(recall >= 0.95, $"recall@10 {recall:0.000} ({TestSeed.Describe(seed)})");
        Assert.NotNull(reader.Leaves[0].Vectors!.Graph(build: false, wait: false)); // the graph answered, not a scan
    }

    [Fact]
    public void Filtered_ReturnsKAcceptedHits_AndASelectiveFilterGivesTheExactAnswer()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        using var reader = Build(rng, 3000);
        double broadRecall = 0; // approximate: one query may miss more, the mean over the queries must stay high
        for (int q = 0; q < 20; q++)
        {
            var query = RandomVector(rng, 1.0);
            bool Most(int doc) => Number(reader, doc) % 10 != 0; // 2,700 documents: enough for the graph to search
            var search = VectorSearch.Nearest(reader, Space, query, 20, Most, Approximate);
            var broad = search.Hits;
            Assert.True(broad.Count == 20, $"{TestSeed.Describe(seed)}: {broad.Count} hits");
            Assert.All(broad, h => Assert.True(Most(h.Doc)));
            Assert.True(search.TotalHits < 2700, $"{search.TotalHits} compared: the graph was not used"); // a scan compares every match
            broadRecall += Recall(broad, VectorSearch.Nearest(reader, Space, query, 20, Most, Exact).Hits);

            bool Rare(int doc) => Number(reader, doc) % 97 == 0; // 31 documents: fewer than the beam, so scanned exactly
            var rare = VectorSearch.Nearest(reader, Space, query, 20, Rare, Approximate).Hits;
            Assert.Equal(VectorSearch.Nearest(reader, Space, query, 20, Rare, Exact).Hits, rare);
        }
        Assert.True(broadRecall / 20 >= 0.9, $"filtered recall@20 {broadRecall / 20:0.000} ({TestSeed.Describe(seed)})");
    }

    [Fact]
    public void DeletedDocuments_AreNeverReturned()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        using var reader = Build(rng, 2000, deleteEvery: 3);
        for (int q = 0; q < 20; q++)
        {
            var hits = VectorSearch.Nearest(reader, Space, RandomVector(rng, 1.0), 30, null, Approximate).Hits;
            Assert.Equal(30, hits.Count);
            Assert.All(hits, h => Assert.True(reader.IsLive(h.Doc), $"deleted doc {reader.IdOf(h.Doc)} returned ({TestSeed.Describe(seed)})"));
            Assert.Equal(30, hits.Select(h => h.Doc).Distinct().Count());
        }
    }

    [Fact]
    public void TheSameVectors_GiveTheSameGraph_AndTheSameAnswers()
    {
        using var reader = Build(new Random(5), 1500);
        var vectors = reader.Leaves[0].Vectors!;
        var a = HnswGraph.Build(vectors);
        var b = HnswGraph.Build(vectors);
        var rng = new Random(6);
        for (int q = 0; q < 10; q++)
        {
            var query = RandomVector(rng, 1.0);
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm(query);
            for (int j = 0; j < query.Length; j++) query[j] /= norm;
            Assert.Equal(a.Search(query, 10, 50, null, int.MaxValue, out _, out _), b.Search(query, 10, 50, null, int.MaxValue, out _, out _));
        }
        Assert.True(a.Bytes > 1500 * 4, $"{a.Bytes} bytes");
    }

    [Fact]
    public async Task WithoutWaiting_TheFirstSearchScansExactly_AndTheGraphIsBuiltInTheBackground()
    {
        using var reader = Build(new Random(8), 2500);
        var background = new VectorSearchOptions { ApproximateAbove = 500 };
        var query = RandomVector(new Random(9), 1.0);
        var first = VectorSearch.Nearest(reader, Space, query, 10, null, background).Hits;
        Assert.Equal(VectorSearch.Nearest(reader, Space, query, 10, null, Exact).Hits, first); // no graph yet: the exact answer
        var vectors = reader.Leaves[0].Vectors!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (vectors.Graph(build: false, wait: false) is null && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.NotNull(vectors.Graph(build: false, wait: false));
        Assert.Equal(10, VectorSearch.Nearest(reader, Space, query, 10, null, background).Hits.Count);
    }

    [Fact]
    public void SmallSegments_AreScannedExactly()
    {
        using var reader = Build(new Random(10), 300);
        var query = RandomVector(new Random(11), 1.0);
        Assert.Equal(VectorSearch.Nearest(reader, Space, query, 10, null, Exact).Hits, VectorSearch.Nearest(reader, Space, query, 10, null, Approximate).Hits);
        Assert.Null(reader.Leaves[0].Vectors!.Graph(build: false, wait: false));
    }
}
