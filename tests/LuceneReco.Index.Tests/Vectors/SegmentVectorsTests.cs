using LuceneReco.Index.Documents;
using LuceneReco.Index.Tests.Segments;
using LuceneReco.Index.Vectors;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Vectors;

/// <summary>Dense vectors beside the inverted index: stored per segment, carried through commit, merge, update and delete, checked.</summary>
public sealed class SegmentVectorsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly VectorSpace Space = new("test-model", 4);
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private IndexWriter NewWriter(bool background = false) =>
        IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, RamBufferMb = 16, BackgroundMerges = background });

    private static float[] Unit(params float[] v)
    {
        float n = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / n).ToArray();
    }

    private static void AssertVector(IndexReader reader, string id, float[] raw)
    {
        int doc = reader.DocOf(id);
        Assert.True(doc >= 0, $"'{id}' is not live");
        var expected = Unit(raw);
        var actual = reader.Vector(doc).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(MathF.Abs(expected[i] - actual[i]) < 1e-5f, $"'{id}' component {i}: {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void SetVector_Commit_ReopenedReaderHasTheUnitVectorAndTheSpace()
    {
        using (var w = NewWriter())
        {
            w.Add(IndexWriterTests.Doc("a", "alpha"));
            w.Add(IndexWriterTests.Doc("b", "bravo"));
            w.Commit();
            Assert.True(w.SetVector("a", Space, [3, 4, 0, 0]));
            Assert.False(w.SetVector("missing", Space, [1, 0, 0, 0]));
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(Space, r.VectorSpace);
        Assert.Equal(1, r.VectorCount);
        AssertVector(r, "a", [3, 4, 0, 0]);
        Assert.False(r.HasVector(r.DocOf("b")));
        Assert.Empty(r.VectorProblems);
    }

    [Fact]
    public void Vectors_UncommittedAtDispose_AreDiscarded()
    {
        using (var w = NewWriter())
        {
            w.Add(IndexWriterTests.Doc("a", "alpha"));
            w.Commit();
            w.SetVector("a", Space, [1, 0, 0, 0]);
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Null(r.VectorSpace);
        Assert.Equal(0, r.VectorCount);
    }

    [Fact]
    public void ForceMerge_KeepsEveryLiveVector_DropsDeletedAndUpdatedOnes()
    {
        var vectors = new Dictionary<string, float[]>();
        using (var w = NewWriter())
        {
            for (int s = 0; s < 4; s++) // four segments
            {
                for (int i = 0; i < 10; i++) w.Add(IndexWriterTests.Doc($"d{s}-{i}", $"doc {s} {i}"));
                w.Commit();
            }
            for (int s = 0; s < 4; s++)
                for (int i = 0; i < 10; i += 2)
                {
                    var v = new float[] { s + 1, i + 1, 1, -1 };
                    vectors[$"d{s}-{i}"] = v;
                    w.SetVector($"d{s}-{i}", Space, v);
                }
            w.Commit();
            w.Delete("d1-0");
            vectors.Remove("d1-0");
            w.Update(IndexWriterTests.Doc("d2-2", "doc 2 2 again"));
            vectors.Remove("d2-2");
            w.ForceMerge(1);
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(1, r.Stats.Segments);
        Assert.Equal(vectors.Count, r.VectorCount);
        foreach (var (id, v) in vectors) AssertVector(r, id, v);
        Assert.False(r.HasVector(r.DocOf("d2-2")), "an updated document keeps its old vector");
        Assert.All(IndexChecker.Check(_tmp.Path), c => Assert.Null(c.Problem));
    }

    [Fact]
    public void BackgroundMerges_WhileVectorsAreSet_LoseNone()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        var vectors = new Dictionary<string, float[]>();
        using (var w = IndexWriter.Open(_tmp.Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, RamBufferMb = 16, MergeFactor = 2, BackgroundMerges = true }))
        {
            for (int round = 0; round < 12; round++)
            {
                for (int i = 0; i < 20; i++) w.Add(IndexWriterTests.Doc($"r{round}-{i}", $"round {round} item {i}"));
                w.Commit(); // one segment per round, so merges run while the next rounds set vectors
                for (int j = 0; j < 10; j++)
                {
                    string id = $"r{rng.Next(round + 1)}-{rng.Next(20)}";
                    var v = new float[] { (float)rng.NextDouble() + 0.1f, (float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble() };
                    vectors[id] = v;
                    Assert.True(w.SetVector(id, Space, v), $"{TestSeed.Describe(seed)}: '{id}' is not live");
                }
            }
            w.WaitForMerges();
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.True(r.VectorCount == vectors.Count, $"{TestSeed.Describe(seed)}: {r.VectorCount} vectors, expected {vectors.Count}");
        foreach (var (id, v) in vectors) AssertVector(r, id, v);
    }

    [Fact]
    public void SetVector_AnotherSpace_IsRefusedNamingBoth()
    {
        using var w = NewWriter();
        w.Add(IndexWriterTests.Doc("a", "alpha"));
        w.SetVector("a", Space, [1, 0, 0, 0]);
        var e = Assert.Throws<ArgumentException>(() => w.SetVector("a", new VectorSpace("other-model", 4), [1, 0, 0, 0]));
        Assert.Contains("'other-model' (4 dimensions)", e.Message);
        Assert.Contains("'test-model' (4 dimensions)", e.Message);
        Assert.Throws<ArgumentException>(() => w.SetVector("a", Space, [1, 0, 0]));
        Assert.Throws<ArgumentException>(() => w.SetVector("a", Space, [0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => w.SetVector("a", Space, [float.NaN, 0, 0, 1]));
    }

    [Fact]
    public void DropVectors_Commit_LeavesNoVectorsAndAcceptsAnotherSpace()
    {
        using (var w = NewWriter())
        {
            w.Add(IndexWriterTests.Doc("a", "alpha"));
            w.SetVector("a", Space, [1, 0, 0, 0]);
            w.Commit();
            w.DropVectors();
            w.Commit();
            Assert.Null(w.VectorSpace);
            w.SetVector("a", new VectorSpace("other-model", 2), [1, 1]);
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Equal(new VectorSpace("other-model", 2), r.VectorSpace);
        Assert.Single(Directory.GetFiles(_tmp.Path, "*.vec")); // the dropped space's file is gone, the new one is there
        AssertVector(r, "a", [1, 1]);
    }

    [Fact]
    public void DamagedVectorsFile_ReaderOpensWithoutVectors_CheckerAndReaderNameTheFile()
    {
        using (var w = NewWriter())
        {
            w.Add(IndexWriterTests.Doc("a", "alpha apple"));
            w.SetVector("a", Space, [1, 2, 3, 4]);
            w.Commit();
        }
        string vec = Directory.GetFiles(_tmp.Path, "*.vec").Single();
        var bytes = File.ReadAllBytes(vec);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(vec, bytes);

        using (var r = IndexReader.Open(_tmp.Path))
        {
            Assert.Equal(1, r.NumDocs); // lexical recall still has the document
            Assert.Equal(0, r.VectorCount);
            Assert.Equal(Path.GetFileName(vec), Assert.Single(r.VectorProblems).FilePath);
            Assert.Empty(VectorSearch.Nearest(r, Space, [1, 2, 3, 4], 5).Hits);
        }
        var check = Assert.Single(IndexChecker.Check(_tmp.Path), c => c.Problem is not null);
        Assert.Equal(Path.GetFileName(vec), check.File);
        Assert.Contains("checksum", check.Problem);

        using (var w = NewWriter()) // the writer drops the damaged vectors; the next commit no longer names the file
        {
            Assert.Equal(Path.GetFileName(vec), Assert.Single(w.VectorProblems).FilePath);
            w.Commit();
        }
        Assert.False(File.Exists(vec));
        Assert.All(IndexChecker.Check(_tmp.Path), c => Assert.Null(c.Problem));
    }

    [Fact]
    public void IndexWithoutVectors_ReadsAsBefore()
    {
        using (var w = NewWriter())
        {
            w.Add(IndexWriterTests.Doc("a", "alpha"));
            w.Commit();
        }
        using var r = IndexReader.Open(_tmp.Path);
        Assert.Null(r.VectorSpace);
        Assert.Empty(Directory.GetFiles(_tmp.Path, "*.vec"));
        Assert.Empty(VectorSearch.Nearest(r, Space, [1, 0, 0, 0], 3).Hits);
    }
}
