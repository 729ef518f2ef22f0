using LuceneReco.CrashWriter;
using LuceneReco.Index.Segments;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// Crash safety: a writer process killed with SIGKILL at any moment (adding, flushing, merging in the background,
/// in the middle of a commit, while opening) leaves an index that opens, checks clean, and holds exactly the
/// documents of one whole batch boundary: the last one it reported committed, or the one whose commit had
/// finished when it died without printing. The same directory is reused, so every run also resumes from
/// the previous crash's leftovers.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 15;
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void KilledWriter_ReopensAtTheLastPrintedCommitOrTheOneAfter()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        string dir = _tmp.Sub("index");
        var expected = new ExpectedIndex(seed);
        int committed = 0, unprintedCommits = 0;

        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            int delayMs = rng.Next(50, 1501);
            bool fromStart = iteration % 4 == 3; // now and then the clock starts at launch, so the kill may land while the writer opens
            string where = $"{TestSeed.Describe(seed)}, iteration {iteration}";
            int exitCode, low;
            int? resumed;
            using (var writer = CrashWriterProcess.Start(dir, seed))
            {
                if (!fromStart)
                    Assert.True(writer.WaitUntilResumed(TimeSpan.FromSeconds(60)), $"{where}: the writer never opened the index");
                // every other run first waits for a commit of its own, so the index grows however slow a loaded machine is
                if (iteration % 2 == 0)
                    Assert.True(SpinWait.SpinUntil(() => writer.LastCommitted > committed, TimeSpan.FromSeconds(60)), $"{where}: the writer committed nothing in 60 s");
                Thread.Sleep(delayMs);
                exitCode = writer.KillAndWait();
                Assert.True(exitCode == CrashWriterProcess.KilledExitCode,
                    $"{where}: the writer exited with {exitCode} before it was killed:\n{writer.StandardError}");
                resumed = writer.Resumed;
                low = writer.LastCommitted ?? committed;
                output.WriteLine($"iteration {iteration}: killed after {delayMs} ms from {(fromStart ? "launch" : "open")}, resumed at {resumed?.ToString() ?? "-"}, last printed {writer.LastCommitted?.ToString() ?? "-"}");
            }
            if (resumed is int first) Assert.True(first == committed + 1, $"{where}: the writer resumed at batch {first}, but batch {committed} was the last committed");

            using (var reader = IndexReader.Open(dir))
            {
                int marker = reader.DocOf(CrashWorkload.MarkerId);
                int k = marker < 0 ? 0 : (int)reader.Number(marker, "version")!.Value;
                Assert.True(k >= low && k <= low + 1, $"{where}: the index holds batch {k}; expected {low} (last printed) or {low + 1}");
                if (k == low + 1) unprintedCommits++;
                expected.AdvanceTo(k);
                AssertHolds(reader, expected, rng, where);
                committed = k;
            }

            var problems = IndexChecker.Check(dir).Where(c => c.Problem is not null).Select(c => $"{c.File}: {c.Problem}").ToList();
            Assert.True(problems.Count == 0, $"{where}: the checker found damage after the kill:\n{string.Join("\n", problems)}");

            if (iteration % 2 == 1) // otherwise the next writer process meets this crash's leftovers itself
            {
                using var reopened = IndexWriter.Open(dir);
                Assert.Equal(expected.Versions.Count, reopened.NumDocs);
                // The killed writer's half-written segments and pending files are gone at open: only what the commit names is left.
                var referenced = new HashSet<string>(CommitPoint.ReadLatest(dir).FileNames(), StringComparer.Ordinal) { "write.lock" };
                var unreferenced = Directory.EnumerateFiles(dir).Select(Path.GetFileName).Where(f => !referenced.Contains(f!)).ToList();
                Assert.True(unreferenced.Count == 0, $"{where}: files no commit references survived the writer's open: {string.Join(", ", unreferenced)}");
            }
        }
        output.WriteLine($"{committed} batches committed; {unprintedCommits} kills landed after a commit and before its line");
        Assert.True(committed >= (Iterations + 1) / 2, $"{TestSeed.Describe(seed)}: only {committed} batches were committed in {Iterations} runs; the writer barely ran");
    }

    /// <summary>The reader's live documents are exactly the model's ids, each with the model's version; a sample's stored title agrees.</summary>
    private static void AssertHolds(IndexReader reader, ExpectedIndex expected, Random rng, string where)
    {
        Assert.True(reader.NumDocs == expected.Versions.Count,
            $"{where}: {reader.NumDocs} live documents, batch {expected.Batch} leaves {expected.Versions.Count}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (!reader.IsLive(doc)) continue;
            string id = reader.IdOf(doc);
            Assert.True(seen.Add(id), $"{where}: id '{id}' is live twice");
            Assert.True(expected.Versions.TryGetValue(id, out int version), $"{where}: '{id}' is live but batch {expected.Batch} does not leave it");
            double? stored = reader.Number(doc, "version");
            Assert.True(stored == version, $"{where}: '{id}' has version {stored}, batch {expected.Batch} leaves version {version}");
        }
        var ids = expected.Versions.Keys.ToArray();
        for (int i = 0; i < Math.Min(50, ids.Length); i++)
        {
            string id = ids[rng.Next(ids.Length)];
            int doc = reader.DocOf(id);
            Assert.True(doc >= 0, $"{where}: DocOf('{id}') finds nothing");
            Assert.Equal(CrashWorkload.Title(id, expected.Versions[id]), reader.Stored(doc).Get("title"));
        }
        AssertVectors(reader, expected, where);
    }

    /// <summary>Exactly the model's documents have vectors, each the one its batch set (normalised).</summary>
    private static void AssertVectors(IndexReader reader, ExpectedIndex expected, string where)
    {
        Assert.True(reader.VectorProblems.Count == 0, $"{where}: {string.Join("; ", reader.VectorProblems.Select(p => p.Message))}");
        Assert.True(reader.VectorCount == expected.Vectors.Count,
            $"{where}: {reader.VectorCount} documents have vectors, batch {expected.Batch} leaves {expected.Vectors.Count}");
        foreach (var (id, batch) in expected.Vectors)
        {
            int doc = reader.DocOf(id);
            var raw = CrashWorkload.VectorOf(expected.Seed, id, batch);
            float norm = MathF.Sqrt(raw.Sum(x => x * x));
            var stored = reader.Vector(doc).ToArray();
            Assert.True(stored.Length == raw.Length, $"{where}: '{id}' has no vector; batch {batch} set one");
            for (int i = 0; i < raw.Length; i++)
                Assert.True(MathF.Abs(stored[i] - raw[i] / norm) < 1e-5f, $"{where}: '{id}' holds another vector than batch {batch} set");
        }
    }
}
