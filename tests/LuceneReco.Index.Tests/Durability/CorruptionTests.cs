using System.Buffers.Binary;
using System.IO.Hashing;
using LuceneReco.Index.Store;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// Damage to any file of a commit is found and named: <see cref="IndexChecker.Check"/> reports a problem on
/// exactly that file and on no other, and opening a reader or a writer throws <see cref="CorruptIndexException"/>
/// whose <see cref="CorruptIndexException.FilePath"/> is that file's name, never another exception type, never
/// an older commit instead, and without changing any file. Each case damages a fresh copy of one small index.
/// </summary>
public sealed class CorruptionTests(CommittedIndexFixture index, ITestOutputHelper output) : IClassFixture<CommittedIndexFixture>, IDisposable
{
    private static readonly string[] Kinds = ["si", "tim", "doc", "pos", "nrm", "tv", "fdt", "ids", "num", "liv", "segments"];
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<string, Damage> EveryKindAndDamage()
    {
        var data = new TheoryData<string, Damage>();
        foreach (var kind in Kinds)
            foreach (var damage in Enum.GetValues<Damage>())
                data.Add(kind, damage);
        return data;
    }

    public static TheoryData<string> SegmentFileKinds() => new(Kinds.Where(k => k != "segments"));

    [Fact]
    public void UndamagedCopy_ChecksClean_AndOpens()
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        var checks = IndexChecker.Check(dir);
        Assert.Equal(index.Files, checks.Select(c => c.File).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Null(c.Problem));
        using var reader = IndexReader.Open(dir);
        Assert.Equal(CommittedIndexFixture.LiveDocs, reader.NumDocs);
        Assert.Equal(2, reader.Stats.Segments);
        using var writer = IndexWriter.Open(dir);
        Assert.Equal(CommittedIndexFixture.LiveDocs, writer.NumDocs);
    }

    [Theory]
    [MemberData(nameof(EveryKindAndDamage))]
    public void DamagedFile_IsTheOnlyOneReported_AndOpenFailsNamingIt(string kind, Damage damage)
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        string file = index.FileOf(kind);
        FileDamage.Apply(Path.Combine(dir, file), damage);
        AssertDetected(dir, file, expectAllFilesChecked: kind != "segments");
    }

    [Theory]
    [MemberData(nameof(SegmentFileKinds))]
    public void MissingSegmentFile_IsReported_AndOpenFailsNamingIt(string kind)
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        string file = index.FileOf(kind);
        File.Delete(Path.Combine(dir, file));
        var problem = AssertDetected(dir, file, expectAllFilesChecked: true);
        Assert.Contains("missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedNewestCommit_FailsOpen_EvenWithACompleteOlderCommitPresent()
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        File.WriteAllBytes(Path.Combine(dir, index.OlderCommitName), index.OlderCommit);
        using (var intact = IndexReader.Open(dir)) Assert.Equal(CommittedIndexFixture.LiveDocs, intact.NumDocs); // the newest commit wins

        FileDamage.Apply(Path.Combine(dir, index.SegmentsFile), Damage.FlipMiddle);
        var e = Assert.Throws<CorruptIndexException>(() => IndexReader.Open(dir));
        Assert.Equal(index.SegmentsFile, e.FilePath);
        Assert.Equal([index.SegmentsFile], IndexChecker.Check(dir).Where(c => c.Problem is not null).Select(c => c.File));

        File.Delete(Path.Combine(dir, index.SegmentsFile)); // the older commit was complete: falling back would have "worked"
        using var older = IndexReader.Open(dir);
        Assert.Equal(30, older.NumDocs);
    }

    [Fact]
    public void AnySingleByteChange_AnywhereInAnyFile_IsNamed()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        for (int trial = 0; trial < 150; trial++)
        {
            string dir = index.CopyTo(_tmp.Sub("trial" + trial));
            string file = index.Files[rng.Next(index.Files.Count)];
            string path = Path.Combine(dir, file);
            int offset = rng.Next((int)new FileInfo(path).Length);
            byte mask = (byte)rng.Next(1, 256);
            FileDamage.Flip(path, offset, mask);
            var e = Assert.Throws<CorruptIndexException>(() => IndexReader.Open(dir));
            Assert.True(e.FilePath == file, $"{TestSeed.Describe(seed)}, trial {trial}: {file} byte {offset} ^ {mask:x2}; the error names '{e.FilePath}': {e.Message}");
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Inconsistent contents behind a valid checksum (what a writer bug would leave) cannot always be detected,
    /// but the checker must still report rather than throw, and opening and reading every document must either
    /// succeed or throw <see cref="CorruptIndexException"/>: never IndexOutOfRange, NullReference, OutOfMemory and
    /// the like; and whatever reading trips over, the checker has reported.
    /// </summary>
    [Fact]
    public void ChangedPayloadWithAValidChecksum_CheckReports_OpenSucceedsOrThrowsCorrupt()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        int rejected = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            string dir = index.CopyTo(_tmp.Sub("trial" + trial));
            string file = index.Files[rng.Next(index.Files.Count)];
            string path = Path.Combine(dir, file);
            var data = File.ReadAllBytes(path);
            int offset = rng.Next(5 + data[4] + 4, data.Length - 8); // payload: after the header, before the footer
            byte mask = (byte)rng.Next(1, 256);
            data[offset] ^= mask;
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(data.Length - 4), Crc32.HashToUInt32(data.AsSpan(0, data.Length - 4)));
            File.WriteAllBytes(path, data);
            string where = $"{TestSeed.Describe(seed)}, trial {trial}: {file} byte {offset} ^ {mask:x2}";

            IReadOnlyList<FileCheck>? checks = null;
            var checkFailure = Record.Exception(() => checks = IndexChecker.Check(dir));
            Assert.True(checkFailure is null, $"{where}: the checker threw {checkFailure}");
            var openFailure = Record.Exception(() => ReadEverything(dir));
            Assert.True(openFailure is null or CorruptIndexException, $"{where}: opening or reading threw {openFailure}");
            if (openFailure is not null)
            {
                rejected++;
                Assert.True(checks!.Any(c => c.Problem is not null), $"{where}: reading failed ({openFailure.Message}) but the checker found nothing");
            }
            Directory.Delete(dir, recursive: true);
        }
        output.WriteLine($"{rejected} of 300 changes were rejected as corrupt; the rest open");
        Assert.True(rejected > 0, $"{TestSeed.Describe(seed)}: no change was caught by the structural checks");
    }

    /// <summary>Opens the index and reads every document's stored fields and term vectors.</summary>
    private static void ReadEverything(string dir)
    {
        using var reader = IndexReader.Open(dir);
        var vectorFields = reader.Schema.Fields.Where(f => f.TermVectors).Select(f => f.Name).ToList();
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            reader.Stored(doc);
            foreach (var f in vectorFields) reader.TermVector(doc, f);
        }
    }

    /// <summary>
    /// The checker reports exactly <paramref name="file"/>; reader and writer (twice: a failed open must release the lock)
    /// throw <see cref="CorruptIndexException"/> naming it; and the failed opens leave every file as it was.
    /// Returns the checker's problem text.
    /// </summary>
    private string AssertDetected(string dir, string file, bool expectAllFilesChecked)
    {
        var before = Snapshot(dir);
        var checks = IndexChecker.Check(dir);
        if (expectAllFilesChecked) Assert.Equal(index.Files, checks.Select(c => c.File).Order(StringComparer.Ordinal));
        var reported = Assert.Single(checks, c => c.Problem is not null);
        Assert.Equal(file, reported.File);
        output.WriteLine($"checker: {reported.File}: {reported.Problem}");

        var e = Assert.Throws<CorruptIndexException>(() => IndexReader.Open(dir));
        Assert.Equal(file, e.FilePath);
        output.WriteLine("reader: " + e.Message);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var w = Assert.Throws<CorruptIndexException>(() => IndexWriter.Open(dir));
            Assert.Equal(file, w.FilePath);
        }
        Assert.Equal(before, Snapshot(dir));
        return reported.Problem!;
    }

    /// <summary>Name and CRC of every file but the lock file.</summary>
    private static List<string> Snapshot(string dir) =>
        Directory.GetFiles(dir).Where(p => Path.GetFileName(p) != "write.lock").Order(StringComparer.Ordinal)
            .Select(p => $"{Path.GetFileName(p)}:{Crc32.HashToUInt32(File.ReadAllBytes(p)):x8}").ToList();
}
