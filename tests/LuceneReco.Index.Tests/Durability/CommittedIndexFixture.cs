using LuceneReco.Index.Tests.Segments;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// A small committed index built once: segment <c>_0</c> (30 documents, 3 deleted, so it has a deletes file)
/// and segment <c>_1</c> (10 documents). Also keeps the bytes of an older, complete commit (segment
/// <c>_0</c> before the deletes) to plant next to the newest one. Tests damage fresh copies only.
/// </summary>
public sealed class CommittedIndexFixture : IDisposable
{
    public const int LiveDocs = 37;
    private readonly TempDir _tmp = new();

    public CommittedIndexFixture()
    {
        Path = _tmp.Sub("base");
        using (var w = IndexWriter.Open(Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, BackgroundMerges = false }))
        {
            for (int i = 0; i < 30; i++)
                w.Add(IndexWriterTests.Doc($"a{i}", $"first batch title {i}", $"body words number {i} of the first batch", i % 2 == 0 ? "even,a" : "odd,a", i));
            w.Commit();
            OlderCommitName = CommitFile();
            OlderCommit = File.ReadAllBytes(System.IO.Path.Combine(Path, OlderCommitName));
            w.Delete("a3");
            w.Delete("a14");
            w.Delete("a29");
            w.Commit();
            for (int i = 0; i < 10; i++)
                w.Add(IndexWriterTests.Doc($"b{i}", $"second batch title {i}", $"more body words {i}", "b", 100 + i));
            w.Commit();
        }
        Files = Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Where(f => f != "write.lock").Order(StringComparer.Ordinal).ToList()!;
        SegmentsFile = CommitFile();
        DeletesFile = Files.Single(f => f.EndsWith(".liv", StringComparison.Ordinal));
    }

    /// <summary>The base index (do not change it; use <see cref="CopyTo"/>).</summary>
    public string Path { get; }

    /// <summary>Every file of the last commit, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The newest <c>segments_N</c>.</summary>
    public string SegmentsFile { get; }

    /// <summary>The deletes file of segment <c>_0</c>.</summary>
    public string DeletesFile { get; }

    /// <summary>Name and bytes of the first commit, whose files (segment <c>_0</c>) all still exist.</summary>
    public string OlderCommitName { get; }
    public byte[] OlderCommit { get; }

    /// <summary>The file of a kind: a segment extension (of <c>_0</c>), "liv" or "segments".</summary>
    public string FileOf(string kind) => kind switch
    {
        "segments" => SegmentsFile,
        "liv" => DeletesFile,
        _ => "_0." + kind,
    };

    /// <summary>Copies the base index to <paramref name="directory"/> and returns it.</summary>
    public string CopyTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var f in Files) File.Copy(System.IO.Path.Combine(Path, f), System.IO.Path.Combine(directory, f));
        return directory;
    }

    public void Dispose() => _tmp.Dispose();

    private string CommitFile() =>
        Directory.GetFiles(Path, "segments_*").Select(System.IO.Path.GetFileName).Single()!;
}
