using LuceneReco.Index.Tests.Segments;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// A committed one-segment index large enough that its postings, positions, term vectors, stored fields, ids and
/// term dictionary span several 16 KiB chunks, so the memory-mapped reader verifies them a chunk at a time.
/// Built once from a fixed seed; tests damage fresh copies only.
/// </summary>
public sealed class MappedIndexFixture : IDisposable
{
    public const int Docs = 3000;
    public const int Words = 2500;
    private readonly TempDir _tmp = new();

    public MappedIndexFixture()
    {
        Path = _tmp.Sub("base");
        var rng = new Random(20261202);
        using (var w = IndexWriter.Open(Path, new IndexWriterOptions { Schema = IndexWriterTests.Schema, BackgroundMerges = false, RamBufferMb = 256 }))
        {
            for (int i = 0; i < Docs; i++)
            {
                string title = string.Join(' ', Enumerable.Range(0, 10).Select(_ => Word(rng.Next(Words))));
                string body = string.Join(' ', Enumerable.Range(0, 40).Select(_ => Word((int)(Words * Math.Pow(rng.NextDouble(), 2)))));
                w.Add(IndexWriterTests.Doc($"item-{i:D5}", title, body, i % 3 == 0 ? "even,a" : "odd", i));
            }
            w.Commit();
        }
        Files = Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Where(f => f != "write.lock").Order(StringComparer.Ordinal).ToList()!;
    }

    /// <summary>The word with number <paramref name="i"/> of the vocabulary.</summary>
    public static string Word(int i) => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The base index (do not change it; use <see cref="CopyTo"/>).</summary>
    public string Path { get; }

    /// <summary>Every file of the commit, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Copies the base index to <paramref name="directory"/> and returns it.</summary>
    public string CopyTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var f in Files) File.Copy(System.IO.Path.Combine(Path, f), System.IO.Path.Combine(directory, f));
        return directory;
    }

    public void Dispose() => _tmp.Dispose();
}
