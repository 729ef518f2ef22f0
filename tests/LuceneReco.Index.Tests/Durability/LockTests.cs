using LuceneReco.CrashWriter;
using LuceneReco.Index.Store;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// The write lock across processes: a live writer in another process keeps every other writer out
/// (readers stay welcome), and a writer process that dies, even by SIGKILL, leaves nothing stuck:
/// the OS lock goes with the process, whatever <c>write.lock</c> still says.
/// </summary>
public sealed class LockTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Open_WhileALiveProcessHoldsTheLock_ThrowsIndexLocked_ReadersStillOpen()
    {
        string dir = _tmp.Sub("index");
        using var holder = StartHolding(dir);

        var e = Assert.Throws<IndexLockedException>(() => IndexWriter.Open(dir));
        Assert.Equal(Path.GetFullPath(dir), e.Directory);
        Assert.Contains("pid " + holder.Id, e.Message, StringComparison.Ordinal);
        Assert.Throws<IndexLockedException>(() => IndexWriter.Open(dir, CrashWorkload.WriterOptions)); // still, and with a schema too
        using var reader = IndexReader.Open(dir);
        Assert.True(reader.Generation >= 1);
    }

    [Fact]
    public void Open_AfterTheHoldingProcessWasKilled_Succeeds_AndCommits()
    {
        string dir = _tmp.Sub("index");
        using (var holder = StartHolding(dir))
            Assert.Equal(CrashWriterProcess.KilledExitCode, holder.KillAndWait());
        Assert.True(File.Exists(Path.Combine(dir, "write.lock")), "the killed writer's lock file is expected to remain; only the OS lock is gone");

        using (var writer = IndexWriter.Open(dir))
        {
            writer.Update(new Documents.Document(CrashWorkload.MarkerId).Add("title", "after the crash").Add("version", 1_000_000));
            writer.Commit();
        }
        using var reader = IndexReader.Open(dir);
        Assert.Equal(1_000_000, reader.Number(reader.DocOf(CrashWorkload.MarkerId), "version"));
    }

    [Fact]
    public void ChildProcessOpen_WhileThisProcessHoldsTheLock_FailsWithIndexLocked()
    {
        string dir = _tmp.Sub("index");
        using var writer = IndexWriter.Open(dir, CrashWorkload.WriterOptions);
        using var child = CrashWriterProcess.Start(dir, seed: 1);
        int? exit = child.WaitForExit(TimeSpan.FromSeconds(60));
        output.WriteLine(child.StandardError);
        Assert.NotNull(exit);
        Assert.NotEqual(0, exit);
        Assert.Null(child.Resumed);
        Assert.Contains(nameof(IndexLockedException), child.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A CrashWriter that has opened (creating) the index at <paramref name="dir"/> and so holds its lock.</summary>
    private static CrashWriterProcess StartHolding(string dir)
    {
        var holder = CrashWriterProcess.Start(dir, seed: 1);
        Assert.True(holder.WaitUntilResumed(TimeSpan.FromSeconds(60)), "the writer process never opened the index:\n" + holder.StandardError);
        Assert.Equal(1, holder.Resumed);
        return holder;
    }
}
