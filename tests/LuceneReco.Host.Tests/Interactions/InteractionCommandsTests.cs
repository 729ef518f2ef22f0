using System.IO.Compression;
using System.Text;
using LuceneReco.Host.Cli;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Interactions;

/// <summary><c>interactions import</c>, <c>interactions stats</c> and <c>users erase</c> run in-process on real files.</summary>
public sealed class InteractionCommandsTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _store;

    public InteractionCommandsTests() => _store = _files.PathOf("events.db");

    public void Dispose() => _files.Dispose();

    private long StoredCount()
    {
        using var store = SqliteInteractionStore.Open(_store);
        return store.Count;
    }

    [Fact]
    public void Import_ThenStats_ThenErase()
    {
        var ratings = _files.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,31,4.0,1260759200\n");
        var output = CliRun.Of("interactions", "import", "--store", _store, "--file", ratings).AssertOk();
        Assert.Matches(@"^imported 3 events from ratings\.csv in \d+\.\d+ s \([\d,]+ events/s\); events\.db holds 3 events of 2 users on 2 items\r?\n$", output);

        var jsonl = _files.Write("more.jsonl", "{\"userId\":\"3\",\"itemId\":\"31\",\"kind\":\"click\",\"timestamp\":\"2020-01-01T00:00:00Z\"}\n");
        Assert.Contains("holds 4 events of 3 users on 2 items", CliRun.Of("interactions", "import", "--store", _store, "--file", jsonl).AssertOk());

        var stats = CliRun.Of("interactions", "stats", "--store", _store).AssertOk();
        Assert.Contains("events   4", stats);
        Assert.Contains("users    3", stats);
        Assert.Contains("items    2", stats);
        Assert.Contains("from     2009-12-14T02:52:24Z", stats);
        Assert.Contains("to       2020-01-01T00:00:00Z", stats);
        Assert.Contains("kinds    rating 3, click 1", stats);

        var erased = CliRun.Of("users", "erase", "--store", _store, "--user", "1").AssertOk();
        Assert.Equal("erased 2 events of user '1' from events.db; trained models drop the user at their next training", erased.Trim());
        Assert.Equal("no events of user '1' in events.db; nothing was erased", CliRun.Of("users", "erase", "--store", _store, "--user", "1").AssertOk().Trim());
        Assert.Equal(2, StoredCount());
    }

    [Fact]
    public void Import_OfABadLine_ImportsNothing_AndNamesFileAndLine()
    {
        var tsv = _files.Write("events.tsv", "u1\ti1\t1\t1700000000\nu2\ti2\tlots\t1700000001\nu3\ti3\n");
        var line = CliRun.Of("interactions", "import", "--store", _store, "--file", tsv).AssertOneLineFailure(ExitCodes.Usage);
        Assert.Equal("lucenereco: events.tsv:2: weight must be a finite number, got 'lots' (nothing was imported; --skip-bad skips bad lines)", line);
        Assert.False(File.Exists(_store), "a failed first import leaves no empty store behind");

        var run = CliRun.Of("interactions", "import", "--store", _store, "--file", tsv, "--skip-bad", "--kind", "purchase");
        Assert.Contains("imported 2 events from events.tsv", run.AssertOk());
        Assert.Contains("skipped 1 bad line", run.Out);
        Assert.Equal("skipped events.tsv:2: weight must be a finite number, got 'lots'", Assert.Single(run.ErrorLines));
        using var store = SqliteInteractionStore.Open(_store);
        Assert.Equal("purchase", store.ForUser("u3")[0].Kind);
    }

    [Fact]
    public void Import_OfABadLine_IntoAnExistingStore_KeepsItsEvents()
    {
        CliRun.Of("interactions", "import", "--store", _store, "--file", _files.Write("good.tsv", "u1\ti1\n")).AssertOk();
        CliRun.Of("interactions", "import", "--store", _store, "--file", _files.Write("bad.tsv", "u2\ti2\tlots\n")).AssertOneLineFailure(ExitCodes.Usage);
        Assert.Equal(1, StoredCount());
    }

    [Fact]
    public void Import_WithProgress_ReportsEventsOnStderr()
    {
        var lines = string.Concat(Enumerable.Range(0, 50).Select(i => $"u{i % 7}\ti{i}\t1\t{1_700_000_000 + i}\n"));
        var file = _files.Write("many.tsv", lines);
        Assert.Equal(0, CliRun.Of("interactions", "import", "--store", _store, "--file", file, "--progress").ExitCode); // the option is accepted

        // On a clock where every reading is a second later, the reporter prints every other event.
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, false, new TickingClock());
        Assert.Equal(ExitCodes.Ok, InteractionsImportCommand.Run(new InteractionsImportOptions { Store = _store, File = file, Progress = true }, console));
        var progress = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(progress.Length >= 10, $"{progress.Length} progress lines");
        Assert.All(progress, l => Assert.Matches(@"^\d+ events? \(\d+%\), [\d,.]+ events/s$", l));
        Assert.Contains("imported 50 events", output.ToString());
    }

    /// <summary>A clock that moves a second every time it is read.</summary>
    private sealed class TickingClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Import_ReadsGzip_AndAnExplicitFormat()
    {
        var path = _files.PathOf("events.log.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes("u1\ti1\nu1\ti2\t2\n"));
        Assert.Contains("imported 2 events from events.log.gz", CliRun.Of("interactions", "import", "--store", _store, "--file", path, "--format", "tsv").AssertOk());

        var broken = _files.Write("broken.tsv.gz", "this is not gzip");
        var line = CliRun.Of("interactions", "import", "--store", _store, "--file", broken).AssertOneLineFailure(ExitCodes.Usage);
        Assert.Contains("broken.tsv.gz", line);
        Assert.Equal(2, StoredCount());
    }

    [Fact]
    public void BadUsage_IsOneLine_WithExitCode2()
    {
        var tsv = _files.Write("e.tsv", "u\ti\n");
        Assert.Equal("lucenereco: interactions file 'missing.tsv' does not exist; --format must be tsv, movielens or jsonl, got 'xml'",
            CliRun.Of("interactions", "import", "--store", _store, "--file", "missing.tsv", "--format", "xml").AssertOneLineFailure(ExitCodes.Usage));
        Assert.Contains("does not exist", CliRun.Of("interactions", "import", "--store", _files.PathOf("no/such/folder/x.db"), "--file", tsv).AssertOneLineFailure(ExitCodes.Usage));
        Assert.Contains("is a directory", CliRun.Of("interactions", "import", "--store", _files.Root, "--file", tsv).AssertOneLineFailure(ExitCodes.Usage));
        Assert.Contains($"interaction store '{_store}' does not exist", CliRun.Of("interactions", "stats", "--store", _store).AssertOneLineFailure(ExitCodes.Usage));
        Assert.Contains("does not exist", CliRun.Of("users", "erase", "--store", _store, "--user", "u").AssertOneLineFailure(ExitCodes.Usage));
        Assert.Contains("--user", CliRun.Of("users", "erase", "--store", _store).AssertOneLineFailure(ExitCodes.Usage));
        Assert.False(File.Exists(_store));
    }

    [Fact]
    public void ADamagedStore_FailsWithExitCode1_NamingTheFile()
    {
        File.WriteAllText(_store, string.Concat(Enumerable.Repeat("garbage, not SQLite\n", 64)));
        var tsv = _files.Write("e.tsv", "u\ti\n");
        foreach (var args in new[]
        {
            new[] { "interactions", "stats", "--store", _store },
            ["interactions", "import", "--store", _store, "--file", tsv],
            ["users", "erase", "--store", _store, "--user", "u"],
        })
        {
            var line = CliRun.Of(args).AssertOneLineFailure(ExitCodes.Failure);
            Assert.Equal($"lucenereco: interaction store '{_store}' is damaged or not a SQLite database (SQLite: file is not a database)", line);
        }
    }
}
