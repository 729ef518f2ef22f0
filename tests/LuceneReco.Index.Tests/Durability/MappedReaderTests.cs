using System.Text;
using LuceneReco.Index.Search;
using LuceneReco.Index.Store;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// The memory-mapped reader verifies large files a chunk at a time, when a part is first read, instead of every byte
/// at open. What the whole-file check at open guaranteed still holds: damage anywhere is either refused at open naming
/// the file, or refused naming the file when the damaged part is read, and is always reported by the checker; a
/// reader never answers differently from the undamaged index. The fixture's files span several chunks, and
/// <see cref="MappedFile.WholeFileBytes"/> is 0 so that even small files take the chunk-at-a-time path.
/// </summary>
public sealed class MappedReaderTests(MappedIndexFixture index, ITestOutputHelper output) : IClassFixture<MappedIndexFixture>, IDisposable
{
    private const int ChunkBytes = 1 << 14;
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<string> LazilyVerifiedKinds() => new(["tim", "doc", "pos", "tv", "fdt", "ids"]);

    [Theory]
    [MemberData(nameof(LazilyVerifiedKinds))]
    public void DamageInsideALargeFile_OpenSucceeds_ReadingThatPartFailsNamingIt(string kind)
    {
        MappedFile.WholeFileBytes = 0;
        string file = "_0." + kind;
        string dir = index.CopyTo(_tmp.Sub("index"));
        string path = Path.Combine(dir, file);
        long length = new FileInfo(path).Length;
        Assert.True(length > 3 * ChunkBytes, $"{file} has {length} bytes, too few chunks for the test to mean anything");
        int offset = (int)(length / 2);
        Assert.NotEqual(0, offset >> 14);
        FileDamage.Flip(path, offset, 0x5A);

        var expected = Answers(index.Path, wordStep: 1, docStep: 1);
        using var reader = IndexReader.Open(dir); // only the first and last chunks were checked
        var actual = Answers(reader, wordStep: 1, docStep: 1);
        AssertNeverWrong(expected, actual, file, $"{file} byte {offset}");
        Assert.Contains(actual, a => a == Corrupt(file));
        Assert.Equal([file], IndexChecker.Check(dir).Where(c => c.Problem is not null).Select(c => c.File));
    }

    [Fact]
    public void AnySingleByteChange_ChunkAtATime_IsRefusedNamingTheFile_NeverAnsweredWrongly()
    {
        MappedFile.WholeFileBytes = 0;
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var rng = new Random(seed);
        var expected = Answers(index.Path, wordStep: 9, docStep: 7);
        int refusedAtOpen = 0, refusedWhenRead = 0;
        for (int trial = 0; trial < 30; trial++)
        {
            string dir = index.CopyTo(_tmp.Sub("trial" + trial));
            string file = index.Files[rng.Next(index.Files.Count)];
            string path = Path.Combine(dir, file);
            int offset = rng.Next((int)new FileInfo(path).Length);
            byte mask = (byte)rng.Next(1, 256);
            FileDamage.Flip(path, offset, mask);
            string where = $"{TestSeed.Describe(seed)}, trial {trial}: {file} byte {offset} ^ {mask:x2}";

            var checks = IndexChecker.Check(dir);
            Assert.True(checks.Where(c => c.Problem is not null).Select(c => c.File).SequenceEqual([file]), $"{where}: the checker reported {string.Join(", ", checks.Where(c => c.Problem is not null).Select(c => c.File))}");
            IndexReader reader;
            try { reader = IndexReader.Open(dir); }
            catch (CorruptIndexException e)
            {
                Assert.True(e.FilePath == file, $"{where}: open names '{e.FilePath}': {e.Message}");
                refusedAtOpen++;
                continue;
            }
            using (reader)
            {
                var actual = Answers(reader, wordStep: 9, docStep: 7);
                AssertNeverWrong(expected, actual, file, where);
                if (actual.Contains(Corrupt(file))) refusedWhenRead++;
            }
            Directory.Delete(dir, recursive: true);
        }
        output.WriteLine($"{refusedAtOpen} refused at open, {refusedWhenRead} when the damaged part was read, of 30");
        Assert.True(refusedAtOpen + refusedWhenRead > 0, $"{TestSeed.Describe(seed)}: no change was refused");
    }

    [Fact]
    public void Open_KeepsTheIndexOutOfTheManagedHeap()
    {
        long indexBytes = index.Files.Sum(f => new FileInfo(Path.Combine(index.Path, f)).Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = IndexReader.Open(index.Path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MappedIndexFixture.Docs, reader.NumDocs);
        Assert.True(allocated < indexBytes / 10, $"opening allocated {allocated} bytes for an index of {indexBytes}");
    }

    [Fact]
    public void UnknownFormatVersion_OpenFailsNamingTheFile_AndSaysWhatToDo()
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        string file = "_0.doc";
        var data = File.ReadAllBytes(Path.Combine(dir, file));
        data[5 + data[4]] = 1; // the version's low byte: format 1, the whole-file-read format
        File.WriteAllBytes(Path.Combine(dir, file), data);
        var e = Assert.Throws<CorruptIndexException>(() => IndexReader.Open(dir));
        Assert.Equal(file, e.FilePath);
        Assert.Contains("format version 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("build the index again", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ThenAnyRead_ThrowsObjectDisposed_OtherReadersUnaffected()
    {
        var first = IndexReader.Open(index.Path);
        using var second = IndexReader.Open(index.Path);
        first.Dispose();
        first.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => first.Stored(0));
        Assert.Throws<ObjectDisposedException>(() => first.IdOf(0));
        Assert.Throws<ObjectDisposedException>(() => first.DocOf("item-00001"));
        Assert.Throws<ObjectDisposedException>(() => first.TermVector(0, "body"));
        Assert.Throws<ObjectDisposedException>(() => new IndexSearcher(first).Search(new TermQuery("body", "w1"), 10));
        Assert.Equal("item-00001", second.IdOf(second.DocOf("item-00001")));
        Assert.NotEmpty(new IndexSearcher(second).Search(new TermQuery("body", "w1"), 10).Hits);
    }

    [Fact]
    public void Dispose_WhileAReadRuns_UnmapsOnlyWhenItEnds()
    {
        var reader = IndexReader.Open(index.Path);
        var core = reader.Leaves[0].Core;
        var lease = reader.Acquire();
        reader.Dispose();
        Assert.True(core.IsOpen, "the segment was unmapped under a running read");
        Assert.Equal(MappedIndexFixture.Docs, core.MaxDoc);
        Assert.Equal("item-00000", core.IdOf(0));
        lease.Dispose();
        Assert.False(core.IsOpen, "the last holder released the segment but it stayed mapped");
        Assert.Throws<ObjectDisposedException>(() => core.IdOf(0));
    }

    [Fact]
    public void Reopen_SharesSegments_DisposingTheOldReaderKeepsThemMappedForTheNew()
    {
        string dir = index.CopyTo(_tmp.Sub("index"));
        var old = IndexReader.Open(dir);
        using (var w = IndexWriter.Open(dir, new IndexWriterOptions { BackgroundMerges = false }))
        {
            w.Add(Segments.IndexWriterTests.Doc("extra", "extra title", "w1 w2"));
            w.Commit();
        }
        using var reopened = old.Reopen();
        Assert.NotSame(old, reopened);
        var shared = old.Leaves[0].Core;
        Assert.Same(shared, reopened.Leaves[0].Core);
        old.Dispose();
        Assert.True(shared.IsOpen);
        Assert.Equal("item-00002", reopened.IdOf(2));
        Assert.Equal(MappedIndexFixture.Docs, reopened.DocOf("extra"));
    }

    [Fact]
    public void DocOf_FindsEveryId_AndTheLaterOfDuplicates()
    {
        using var reader = IndexReader.Open(index.Path);
        for (int d = 0; d < reader.MaxDoc; d += 13) Assert.Equal(d, reader.DocOf(reader.IdOf(d)));
        Assert.Equal(-1, reader.DocOf("item-"));
        Assert.Equal(-1, reader.DocOf("item-99999"));
        Assert.Equal(-1, reader.DocOf(""));
        Assert.Equal(-1, reader.DocOf("zzz"));
    }

    private static string Corrupt(string file) => "corrupt:" + file;

    private static void AssertNeverWrong(List<string> expected, List<string> actual, string file, string where)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(actual[i] == expected[i] || actual[i] == Corrupt(file), $"{where}: answer {i} was '{actual[i]}', undamaged '{expected[i]}'");
    }

    private static List<string> Answers(string dir, int wordStep, int docStep)
    {
        using var reader = IndexReader.Open(dir);
        var answers = Answers(reader, wordStep, docStep);
        Assert.DoesNotContain(answers, a => a.StartsWith("corrupt:", StringComparison.Ordinal));
        return answers;
    }

    /// <summary>
    /// What the reader answers, one line per question (or "corrupt:FILE" when it refused): term queries on both text
    /// fields for every <paramref name="wordStep"/>-th word, phrase queries, and for every <paramref name="docStep"/>-th
    /// doc its id, stored fields, term vector and the doc its id leads back to.
    /// </summary>
    private static List<string> Answers(IndexReader reader, int wordStep, int docStep)
    {
        var searcher = new IndexSearcher(reader);
        var answers = new List<string>();
        void Ask(Func<string> question)
        {
            try { answers.Add(question()); }
            catch (CorruptIndexException e) { answers.Add(Corrupt(e.FilePath)); }
        }
        string Hits(TopDocs top) => string.Join(' ', top.Hits.Select(h => $"{h.Doc}:{h.Score:R}")) + $" /{top.TotalHits}";
        for (int w = 0; w < MappedIndexFixture.Words; w += wordStep)
        {
            string word = MappedIndexFixture.Word(w);
            Ask(() => Hits(searcher.Search(new TermQuery("body", word), 20)));
            Ask(() => Hits(searcher.Search(new TermQuery("title", word), 20)));
            Ask(() => reader.DocFreq("body", word).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (w < 400) Ask(() => Hits(searcher.Search(new PhraseQuery("body", [word, MappedIndexFixture.Word(w + 1)]), 20)));
        }
        for (int d = 0; d < reader.MaxDoc; d += docStep)
        {
            int doc = d;
            Ask(() => reader.IdOf(doc));
            Ask(() => reader.DocOf(reader.IdOf(doc)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Ask(() =>
            {
                var stored = reader.Stored(doc);
                var text = new StringBuilder(stored.Id);
                foreach (var (field, value) in stored.Strings) text.Append('|').Append(field).Append('=').Append(value);
                foreach (var (field, value) in stored.Numbers) text.Append('|').Append(field).Append('=').Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                return text.ToString();
            });
            Ask(() => string.Join(' ', reader.TermVector(doc, "body").Select(e => $"{e.Term}:{e.Freq}")));
        }
        return answers;
    }
}
