using System.Diagnostics;
using System.Globalization;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>
/// Durability on the Lucene.Net backend is Lucene.Net's: a writer killed (SIGKILL) between or during commits leaves
/// an index whose last commit opens, passes CheckIndex, and holds whole batches, at least every batch it reported committed.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int BatchSize = 200;
    private readonly TempDir _temp = new();

    [Fact]
    public void KillDuringWrites_LastCommitOpensAndChecksClean()
    {
        string dir = _temp.Sub("crash");
        for (int round = 0; round < 3; round++)
        {
            int committed = RunAndKill(dir, afterCommits: 2 + round);
            var checks = LuceneNetIndexChecker.Check(dir);
            Assert.All(checks, c => Assert.Null(c.Problem));
            using var index = LuceneNetRecallIndex.Open(dir);
            using var view = index.Acquire();
            Assert.True(view.NumDocs % BatchSize == 0, $"round {round}: {view.NumDocs} items is not a whole number of batches");
            Assert.True(view.NumDocs / BatchSize >= committed, $"round {round}: {view.NumDocs} items, but batch {committed} was reported committed");
            int last = view.NumDocs / BatchSize;
            Assert.Equal(BatchSize, view.Search(new Search.NumericRangeQuery("batch", last, last), 1000).Hits.Count);
        }
    }

    /// <summary>Starts the writer, kills it once it has reported <paramref name="afterCommits"/> more commits, and returns the last reported batch.</summary>
    private static int RunAndKill(string dir, int afterCommits)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "LuceneNetCrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(dir);
        start.ArgumentList.Add("120");
        using var process = Process.Start(start)!;
        int seen = 0, last = 0;
        var deadline = Stopwatch.StartNew();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                last = int.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
                if (++seen == afterCommits) break;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the writer made too few commits in two minutes");
        }
        process.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no Dispose
        process.WaitForExit();
        Assert.True(seen == afterCommits, $"the writer stopped early: {process.StandardError.ReadToEnd()}");
        return last;
    }

    public void Dispose() => _temp.Dispose();
}
