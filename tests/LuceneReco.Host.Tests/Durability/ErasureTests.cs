using System.Globalization;
using System.Net;
using System.Text.Json;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// Erasure leaves nothing: after <c>DELETE /users/X</c> (and <c>lucenereco users erase</c>) the user's id is in no file the
/// engine keeps (database, write-ahead log, shared memory, journal, feature log, index, plugin state), scanned byte by
/// byte while the server still runs, and the erasure is recorded without the id.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task DeleteUser_WhileServing_LeavesTheIdInNoFile_AndKeepsOtherUsers()
    {
        string user = "erase-me-" + Guid.NewGuid().ToString("N")[..10];
        string other = "keep-me-" + Guid.NewGuid().ToString("N")[..10];
        await using var server = await DurableServer.StartAsync(_files.PathOf("server"));
        for (int round = 0; round < 3; round++) // several transactions, so older page versions sit in the write-ahead log
        {
            var events = string.Join(",", Enumerable.Range(1, 40).Select(i =>
                $$"""{"userId":"{{(i % 2 == 0 ? user : other)}}","itemId":"b{{(i + round * 40 % 150 + 1).ToString("000", CultureInfo.InvariantCulture)}}","kind":"play"}"""));
            Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Post, "/events", "[" + events + "]")).StatusCode);
        }
        foreach (var who in new[] { user, other }) // logged in the feature log with the user's id
            Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Post, "/recommend", $$"""{"userId":"{{who}}","k":5}""")).StatusCode);
        Assert.NotEmpty(FileScan.FilesHolding(server.Root, user)); // the scan finds the id before the erasure

        using var erase = await server.Client.DeleteAsync("/users/" + user);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var body = JsonDocument.Parse(await erase.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(60, body.GetProperty("erased").GetInt32());

        var left = FileScan.FilesHolding(server.Root, user);
        Assert.True(left.Count == 0, $"the erased id is still in: {string.Join(", ", left)}");
        Assert.Empty(server.Host.Interactions.ForUser(user));
        Assert.Equal(60, server.Host.Interactions.ForUser(other).Count);
        var lists = SqliteFeatureLog.OpenFile(server.FeatureLogPath).ReadAll();
        Assert.DoesNotContain(lists, l => l.UserId == user);
        Assert.Contains(lists, l => l.UserId == other);

        var health = await server.GetJson("/health");
        var erasures = health.GetProperty("erasures");
        Assert.Equal(1, erasures.GetProperty("count").GetInt64());
        Assert.Equal(60, erasures.GetProperty("events").GetInt64());
        Assert.True(erasures.GetProperty("last").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.DoesNotContain(user, health.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void UsersErase_Cli_LeavesTheIdInNoFile_AndRecordsTheErasure()
    {
        string user = "cli-erase-" + Guid.NewGuid().ToString("N")[..10];
        string folder = _files.PathOf("cli");
        Directory.CreateDirectory(folder);
        string storePath = Path.Combine(folder, "events.db");
        string logPath = Path.Combine(folder, "served.db");
        using (var store = SqliteInteractionStore.Open(storePath))
        {
            var at = DateTimeOffset.UnixEpoch.AddYears(50);
            for (int i = 0; i < 20; i++)
                store.AddRange([new Interaction(user, $"i{i}", "view", 1, at.AddMinutes(i)), new Interaction("other", $"i{i}", "view", 1, at.AddMinutes(i))]);
            var log = SqliteFeatureLog.OpenFile(logPath);
            log.Append(new ServedList("r1", "default", user, at, 0, [new ServedItem("i1", 1, 0.5, new Dictionary<string, double>())]));
            log.Append(new ServedList("r2", "default", "other", at, 0, [new ServedItem("i2", 1, 0.5, new Dictionary<string, double>())]));
            Assert.NotEmpty(FileScan.FilesHolding(folder, user));
        }

        var output = CliRun.Of("users", "erase", "--store", storePath, "--user", user, "--feature-log", logPath).AssertOk();

        Assert.Contains("erased 20 events", output, StringComparison.Ordinal);
        Assert.Contains("erased 1 served list", output, StringComparison.Ordinal);
        var left = FileScan.FilesHolding(folder, user);
        Assert.True(left.Count == 0, $"the erased id is still in: {string.Join(", ", left)}");
        using var reopened = SqliteInteractionStore.Open(storePath);
        Assert.Equal(20, reopened.Count);
        var erasures = reopened.Erasures();
        Assert.Equal((1L, 20L), (erasures.Count, erasures.Events));
    }

    [Fact]
    public void EraseUser_StoreHeldOpen_TruncatesTheWriteAheadLog()
    {
        using var store = SqliteInteractionStore.Open(_files.PathOf("open.db"));
        var at = DateTimeOffset.UnixEpoch.AddYears(50);
        for (int i = 0; i < 50; i++) store.Add(new Interaction("wal-user-77", $"i{i}", "view", 1, at.AddSeconds(i)));
        Assert.True(new FileInfo(store.Path + "-wal").Length > 0);

        Assert.Equal(50, store.EraseUser("wal-user-77"));

        Assert.Equal(0, new FileInfo(store.Path + "-wal").Length);
        Assert.Empty(FileScan.FilesHolding(_files.Root, "wal-user-77"));
        Assert.Equal(1, store.Erasures().Count);
    }
    [Fact]
    public async Task EraseUser_UnderASteadyStreamOfReads_TruncatesTheWriteAheadLog()
    {
        using var store = SqliteInteractionStore.Open(_files.PathOf("reads.db"));
        var at = DateTimeOffset.UnixEpoch.AddYears(50);
        for (int i = 0; i < 50; i++) store.Add(new Interaction("read-user-31", $"i{i}", "view", 1, at.AddSeconds(i)));
        for (int i = 0; i < 50; i++) store.Add(new Interaction("other", $"i{i}", "view", 1, at.AddSeconds(i)));
        using var stop = new CancellationTokenSource();
        long reads = 0;
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) { store.ForUser("other", 10); Interlocked.Increment(ref reads); }
        })).ToList();
        while (Interlocked.Read(ref reads) < 100) await Task.Delay(5);

        int erased = store.EraseUser("read-user-31");
        long readsAfter = Interlocked.Read(ref reads);
        await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(50, erased);
        Assert.True(Interlocked.Read(ref reads) > readsAfter, "reads must go on after the erasure");
        Assert.Empty(FileScan.FilesHolding(_files.Root, "read-user-31"));
    }

    [Fact]
    public void EraseUser_WhileAnotherConnectionHoldsASnapshot_SaysItIsUnfinished_AndFinishesWhenRepeated()
    {
        string path = _files.PathOf("held.db");
        using var store = SqliteInteractionStore.Open(path);
        var at = DateTimeOffset.UnixEpoch.AddYears(50);
        for (int i = 0; i < 20; i++) store.Add(new Interaction("held-user-12", $"i{i}", "view", 1, at.AddSeconds(i)));
        using (var outside = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            outside.Open();
            using var transaction = outside.BeginTransaction(deferred: true);
            using (var read = outside.CreateCommand())
            {
                read.CommandText = "SELECT COUNT(*) FROM events";
                read.ExecuteScalar(); // a read transaction: its snapshot keeps the log's frames in use
            }
            var e = Assert.Throws<ErasureUnfinishedException>(() => store.EraseUser("held-user-12"));
            Assert.Equal(20, e.Events);
            Assert.Contains("erase again", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, store.EraseUser("held-user-12")); // the rows went the first time; this clears the log
        Assert.Equal(0, new FileInfo(path + "-wal").Length);
        Assert.Empty(FileScan.FilesHolding(_files.Root, "held-user-12"));
    }
}
