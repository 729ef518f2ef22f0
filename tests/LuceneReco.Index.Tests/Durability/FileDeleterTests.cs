using LuceneReco.Index.Documents;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// Files no commit references (a killed writer's half-written segment, a pending commit file, an older commit) are removed
/// when a writer opens, as Lucene's IndexFileDeleter does; files that are not the index's are left alone.
/// </summary>
public sealed class FileDeleterTests : IDisposable
{
    private static readonly IndexSchema Schema = new([new FieldDefinition("title", FieldKind.Text) { Analyzer = "standard" }]);
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Open_LeftoversOfAKilledWriter_AreDeleted_ForeignFilesKept()
    {
        string dir = _tmp.Sub("index");
        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = Schema }))
        {
            for (int i = 0; i < 3; i++)
            {
                writer.Add(new Document($"d{i}").Add("title", "kept " + i));
                writer.Commit();
            }
        }
        var referenced = Referenced(dir);
        var segmentFile = referenced.First(f => f.StartsWith('_'));
        string[] leftovers = ["_zz" + Path.GetExtension(segmentFile), "_zz_1.del", "pending_segments_99", "segments_1"];
        foreach (var name in leftovers) File.WriteAllBytes(Path.Combine(dir, name), [1, 2, 3]);
        File.WriteAllText(Path.Combine(dir, "operator-notes.txt"), "not the index's");

        using (var reopened = IndexWriter.Open(dir))
        {
            var present = Directory.EnumerateFiles(dir).Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
            Assert.All(leftovers, name => Assert.DoesNotContain(name, present));
            Assert.Contains("operator-notes.txt", present);
            Assert.Subset(present, new HashSet<string>(referenced, StringComparer.Ordinal) { "operator-notes.txt" });
            Assert.Equal(3, reopened.NumDocs);
        }
    }

    [Fact]
    public void Commit_SustainedUpdatesOfFewItems_KeepsTheSegmentCountBounded()
    {
        string dir = _tmp.Sub("index");
        var rng = new Random(11);
        using var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = Schema, BackgroundMerges = false });
        int most = 0;
        for (int commit = 0; commit < 250; commit++) // a commit (fsync) per write, as a server without group commit did
        {
            writer.Update(new Document($"d{rng.Next(40)}").Add("title", "update " + commit)); // mostly replaces: many deletes
            if (commit % 7 == 0) writer.Update(new Document($"new{commit}").Add("title", "new item"));
            writer.Commit();
            if (commit % 5 != 0) continue;
            using var reader = writer.GetReader();
            most = Math.Max(most, reader.Stats.Segments);
        }
        using var last = writer.GetReader();
        Assert.True(most <= 2 * 10, $"up to {most} segments (now {last.Stats.Segments}) for {last.NumDocs} documents (seed 11)");
        Assert.True(Directory.EnumerateFiles(dir).Count() < 250, $"{Directory.EnumerateFiles(dir).Count()} files");
    }

    [Fact]
    public void Pick_SmallSegmentBetweenLargeOnes_IsSweptIntoTheMerge()
    {
        // A large segment that lost most documents to updates sits between large ones: a pure same-level run never forms.
        int[] live = [5000, 4000, 30, 6000, 5000, 5500, 4500, 5200, 4800, 6100, 5900];
        var pick = MergePolicy.Pick(live, 10);
        Assert.Equal((0, 10), pick);
        Assert.Null(MergePolicy.Pick([5000, 30, 6000], 10));
    }

    private static HashSet<string> Referenced(string dir)
    {
        var commit = CommitPoint.ReadLatest(dir);
        return [.. commit.FileNames(), "write.lock"];
    }

    [Fact]
    public void MergedAwaySegments_AreUnmapped_OnceNoReaderHoldsThem()
    {
        if (!OperatingSystem.IsLinux()) return; // reads /proc/self/maps to see which files are mapped
        string dir = _tmp.Sub("index");
        using var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = Schema, BackgroundMerges = false });
        for (int i = 0; i < 6; i++)
        {
            writer.Add(new Document($"d{i}").Add("title", "merged away " + i));
            writer.Commit();
        }
        var reader = writer.GetReader(); // holds the small segments while it is open
        writer.ForceMerge(1);
        writer.Commit();
        Assert.NotEmpty(DeletedButMapped(dir));
        reader.Dispose();
        Assert.Empty(DeletedButMapped(dir)); // the writer let go of them at the merge, the reader now: nothing keeps them on disk
        using var after = writer.GetReader();
        Assert.Equal(6, after.NumDocs);
    }

    /// <summary>Files of <paramref name="dir"/> this process still maps although they are deleted.</summary>
    private static List<string> DeletedButMapped(string dir) =>
        [.. File.ReadLines("/proc/self/maps").Where(l => l.Contains(Path.GetFullPath(dir), StringComparison.Ordinal) && l.EndsWith("(deleted)", StringComparison.Ordinal))];
}
