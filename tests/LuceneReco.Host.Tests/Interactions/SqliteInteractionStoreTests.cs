using LuceneReco.Host.Interactions;
using LuceneReco.Plugins;
using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.Tests.Interactions;

/// <summary>The SQLite store on a real file in a temporary folder: order, limits, concurrency, erasure, reopening, damage.</summary>
public sealed class SqliteInteractionStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestFiles _files = new();
    private readonly string _path;

    public SqliteInteractionStoreTests() => _path = _files.PathOf("events.db");

    public void Dispose() => _files.Dispose();

    private static Interaction Event(string user, string item, int seconds, string kind = "view", double weight = 1) =>
        new(user, item, kind, weight, T0.AddSeconds(seconds));

    [Fact]
    public void ForUser_And_ForItem_AreNewestFirst_AndRespectTheLimit()
    {
        using var store = SqliteInteractionStore.Open(_path);
        store.AddRange([Event("u", "a", 10), Event("u", "b", 30), Event("u", "c", 20), Event("v", "a", 40, "click", 2.5)]);
        store.Add(Event("u", "d", 30)); // same time as b, added later: newer

        Assert.Equal(["d", "b", "c", "a"], store.ForUser("u").Select(e => e.ItemId));
        Assert.Equal(["d", "b"], store.ForUser("u", 2).Select(e => e.ItemId));
        Assert.Empty(store.ForUser("u", 0));
        Assert.Empty(store.ForUser("nobody"));
        Assert.Equal(["v", "u"], store.ForItem("a").Select(e => e.UserId));
        Assert.Equal(Event("v", "a", 40, "click", 2.5), store.ForItem("a", 1)[0]);
        Assert.Equal(5, store.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ForUser("u", -1));
    }

    [Fact]
    public async Task ConcurrentBatches_ShareOneCommit_EachCallerReturnsAfterIt_AndABadBatchFailsAlone()
    {
        using var store = SqliteInteractionStore.Open(_path);
        using var gate = new ManualResetEventSlim(false);
        store.GroupGateForTests = gate;
        var first = Task.Run(() => store.AddRange([Event("a", "x", 1)])); // takes the write lock and waits at the gate
        Assert.True(SpinWait.SpinUntil(() => store.GroupsStarted == 1, TimeSpan.FromSeconds(10)));
        var later = new[]
        {
            Task.Run(() => store.AddRange([Event("b", "x", 2), Event("b", "y", 3)])),
            Task.Run(() => store.AddRange([Event("c", "x", 4), new Interaction("c", "", "view", 1, T0)])), // no item id: refused
            Task.Run(() => store.AddRange([Event("d", "x", 5)])),
            Task.Run(() => store.AddRange([Event("e", "x", 6)])),
        };
        Assert.True(SpinWait.SpinUntil(() => store.PendingBatches == later.Length, TimeSpan.FromSeconds(10)), $"queued {store.PendingBatches}");
        Assert.All(later, t => Assert.False(t.IsCompleted)); // nothing acknowledged before its commit
        Assert.Equal(0, store.Count);
        gate.Set();

        Assert.Equal(1, await first);
        Assert.Equal(2, await later[0]);
        await Assert.ThrowsAsync<ArgumentException>(() => later[1]);
        Assert.Equal(1, await later[2]);
        Assert.Equal(1, await later[3]);
        Assert.Equal(2, store.GroupCommits); // the first alone, the four queued behind it together
        Assert.Equal(["a", "b", "b", "d", "e"], store.ReadAll().Select(e => e.UserId));
    }

    [Fact]
    public void LargeOrLazyBatches_CommitAlone_AllOrNothing()
    {
        using var store = SqliteInteractionStore.Open(_path);
        static IEnumerable<Interaction> Lazy()
        {
            yield return Event("u", "a", 1);
            throw new FormatException("line 2: bad");
        }
        Assert.Throws<FormatException>(() => store.Append(Lazy()));
        Assert.Equal(0, store.Count);
        var many = Enumerable.Range(0, SqliteInteractionStore.GroupedBatchLimit + 1).Select(i => Event("u", "i" + i, i)).ToList();
        Assert.Equal(many.Count, store.Append(many));
        Assert.Equal(0, store.GroupCommits);
    }

    [Fact]
    public void Reads_UseTheIndexes_WithoutSorting()
    {
        using var store = SqliteInteractionStore.Open(_path);
        var byUser = store.QueryPlan("SELECT * FROM events WHERE user = 'u' ORDER BY timestamp DESC, id DESC LIMIT 10");
        var byItem = store.QueryPlan("SELECT * FROM events WHERE item = 'i' ORDER BY timestamp DESC, id DESC LIMIT 10");
        var all = store.QueryPlan("SELECT * FROM events ORDER BY timestamp, id");
        Assert.Contains("events_by_user", byUser);
        Assert.Contains("events_by_item", byItem);
        Assert.Contains("events_by_time", all);
        Assert.DoesNotContain("TEMP B-TREE", byUser + byItem + all);
    }

    [Fact]
    public void ReadAll_StreamsEveryEvent_OldestFirst()
    {
        using var store = SqliteInteractionStore.Open(_path);
        store.AddRange([Event("u", "a", 30), Event("v", "b", 10), Event("w", "c", 20), Event("x", "d", 10)]);
        Assert.Equal(["b", "d", "c", "a"], store.ReadAll().Select(e => e.ItemId));
    }

    [Fact]
    public void AddRange_ThatThrowsMidway_StoresNothing()
    {
        using var store = SqliteInteractionStore.Open(_path);
        store.Add(Event("u", "keep", 1));
        IEnumerable<Interaction> Failing()
        {
            yield return Event("u", "a", 2);
            yield return Event("u", "b", 3);
            throw new FormatException("line 3 is bad");
        }
        Assert.Throws<FormatException>(() => store.AddRange(Failing()));
        Assert.Equal(1, store.Count);
        Assert.Equal(["keep"], store.ForUser("u").Select(e => e.ItemId));
    }

    [Fact]
    public void ConcurrentAppendsAndReads_FromSeveralThreads_LoseNothing_AndEachWriterSeesItsOwnWrites()
    {
        using var store = SqliteInteractionStore.Open(_path);
        const int threads = 6, perThread = 60;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var user = $"user{t}";
            for (int i = 0; i < perThread; i++)
            {
                if (i % 3 == 0) store.AddRange([Event(user, $"i{i}", i), Event("shared", $"{user}-{i}", i)]);
                else store.Add(Event(user, $"i{i}", i));
                var newest = store.ForUser(user, 1);
                if (newest.Count != 1 || newest[0].ItemId != $"i{i}") failures.Enqueue($"{user} wrote i{i} but read {string.Join(",", newest.Select(e => e.ItemId))}");
                _ = store.ForItem("i0", 5);
            }
        });
        Assert.Empty(failures);
        Assert.Equal(threads * perThread + threads * (perThread / 3), store.Count);
        for (int t = 0; t < threads; t++) Assert.Equal(perThread, store.ForUser($"user{t}").Count);
        Assert.Equal(threads * (perThread / 3), store.ForUser("shared").Count);
    }

    [Fact]
    public void EraseUser_RemovesEveryRowOfTheUser_AndNothingElse()
    {
        using (var store = SqliteInteractionStore.Open(_path))
        {
            for (int i = 0; i < 50; i++) store.Add(Event("gone", $"i{i % 7}", i));
            store.AddRange([Event("stay", "i1", 5), Event("stay", "i2", 6), Event("gonex", "i1", 7), Event("Gone", "i3", 8)]);

            Assert.Equal(50, store.EraseUser("gone"));
            Assert.Equal(0, store.EraseUser("gone"));
            Assert.Empty(store.ForUser("gone"));
            Assert.DoesNotContain(store.ForItem("i1"), e => e.UserId == "gone");
            Assert.Equal(4, store.Count);
        }
        Assert.Equal(0, CountRows("SELECT COUNT(*) FROM events WHERE user = 'gone'"));
        Assert.Equal(4, CountRows("SELECT COUNT(*) FROM events"));
        Assert.Equal(2, CountRows("SELECT COUNT(*) FROM events WHERE user = 'stay'"));
        Assert.Equal(1, CountRows("SELECT COUNT(*) FROM events WHERE user = 'gonex'"));
        Assert.Equal(1, CountRows("SELECT COUNT(*) FROM events WHERE user = 'Gone'"));
    }

    [Fact]
    public void Reopening_KeepsTheEvents_AndTheSchemaVersion()
    {
        using (var store = SqliteInteractionStore.Open(_path))
            store.AddRange([Event("u", "a", 1, "rating", 4.5), Event("u", "b", 2)]);
        Assert.False(File.Exists(_path + "-wal") && new FileInfo(_path + "-wal").Length > 0, "closing checkpoints the write-ahead log");
        using (var reopened = SqliteInteractionStore.Open(_path))
        {
            Assert.Equal([Event("u", "b", 2), Event("u", "a", 1, "rating", 4.5)], reopened.ForUser("u"));
            var stats = reopened.Stats();
            Assert.Equal((2L, 1L, 2L), (stats.Events, stats.Users, stats.Items));
            Assert.Equal(T0.AddSeconds(1), stats.First);
            Assert.Equal(T0.AddSeconds(2), stats.Last);
        }
        Assert.Equal(SqliteInteractionStore.SchemaVersion, CountRows("SELECT version FROM schema_version"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void ANonSqliteFile_IsRefused_NamingIt()
    {
        File.WriteAllText(_path, string.Concat(Enumerable.Repeat("this is not a database\n", 100)));
        var e = Assert.Throws<InteractionStoreException>(() => SqliteInteractionStore.Open(_path));
        Assert.Contains(_path, e.Message);
        Assert.Contains("not a SQLite database", e.Message);
        Assert.IsAssignableFrom<IOException>(e);
    }

    [Fact]
    public void ADamagedStore_IsRefused_NamingIt()
    {
        using (var store = SqliteInteractionStore.Open(_path))
            store.AddRange(Enumerable.Range(0, 2000).Select(i => Event($"u{i % 40}", $"item-{i}", i)));
        var bytes = File.ReadAllBytes(_path);
        for (int i = 100; i < bytes.Length; i++) bytes[i] = (byte)(i * 31);
        File.WriteAllBytes(_path, bytes);

        var e = Assert.Throws<InteractionStoreException>(() =>
        {
            using var store = SqliteInteractionStore.Open(_path);
            _ = store.ForUser("u1");
            _ = store.Count;
        });
        Assert.Contains(_path, e.Message);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void AnotherSqliteDatabase_OrANewerSchema_IsRefused()
    {
        using (var other = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE customers (name TEXT)";
            create.ExecuteNonQuery();
        }
        var foreign = Assert.Throws<InteractionStoreException>(() => SqliteInteractionStore.Open(_path));
        Assert.Contains("not a LuceneReco interaction store", foreign.Message);

        var newer = _files.PathOf("newer.db");
        SqliteInteractionStore.Open(newer).Dispose();
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE schema_version SET version = 99";
            bump.ExecuteNonQuery();
        }
        var e = Assert.Throws<InteractionStoreException>(() => SqliteInteractionStore.Open(newer));
        Assert.Contains("schema version 99", e.Message);
        Assert.Contains(newer, e.Message);
    }

    private long CountRows(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
