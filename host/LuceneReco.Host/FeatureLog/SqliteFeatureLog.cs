using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Pipelines;
using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// The feature log: served lists in one SQLite file (WAL), tables <c>lists(id, request, pipeline, user, served, randomised)</c>
/// and <c>items(list, position, item, score, features)</c>, features as a JSON object of name to number. Bounded: after each
/// append, lists older than the newest <see cref="MaxLists"/> are deleted with their items. One instance per file
/// (<see cref="For"/>) serialises this process's writes; reads take their own pooled connections.
/// </summary>
internal sealed class SqliteFeatureLog : IServedListLog
{
    /// <summary>The schema this build writes and reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly ConcurrentDictionary<string, SqliteFeatureLog> Open = new(StringComparer.Ordinal);

    private static readonly string[] Schema =
    [
        "PRAGMA journal_mode=WAL",
        "CREATE TABLE IF NOT EXISTS feature_log_version (version INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS lists (
            id         INTEGER PRIMARY KEY,
            request    TEXT    NOT NULL,
            pipeline   TEXT    NOT NULL,
            user       TEXT,
            served     INTEGER NOT NULL,
            randomised INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS items (
            list     INTEGER NOT NULL,
            position INTEGER NOT NULL,
            item     TEXT    NOT NULL,
            score    REAL    NOT NULL,
            features TEXT    NOT NULL,
            PRIMARY KEY (list, position))
        """,
    ];

    private readonly string _connectionString;
    private readonly object _writeLock = new();

    private SqliteFeatureLog(string path, int maxLists)
    {
        Path = path;
        MaxLists = maxLists;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The log file (full path).</summary>
    public string Path { get; }

    /// <summary>At most how many lists are kept.</summary>
    public int MaxLists { get; private set; }

    /// <summary>The log of <paramref name="settings"/>' file, opened once per process (a later bound replaces the earlier).</summary>
    /// <exception cref="FeatureLogException">The file cannot be a feature log.</exception>
    public static SqliteFeatureLog For(FeatureLogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = Open.GetOrAdd(System.IO.Path.GetFullPath(settings.Path), path => OpenFile(path, settings.MaxLists));
        log.MaxLists = settings.MaxLists;
        return log;
    }

    /// <summary>Opens (creating when missing) the log in <paramref name="path"/>, keeping at most <paramref name="maxLists"/> lists.</summary>
    /// <exception cref="FeatureLogException">The file is not a SQLite file or not a feature log, or of a newer schema.</exception>
    public static SqliteFeatureLog OpenFile(string path, int maxLists = 100_000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLists, 1);
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!); // "created when missing", its folder too
        var log = new SqliteFeatureLog(full, maxLists);
        log.Run(c =>
        {
            foreach (string sql in Schema) Execute(c, sql);
            object? version = Scalar(c, "SELECT version FROM feature_log_version LIMIT 1");
            ExperimentColumns.Ensure(c);
            if (version is null) Execute(c, $"INSERT INTO feature_log_version VALUES ({SchemaVersion})");
            else if (Convert.ToInt64(version, CultureInfo.InvariantCulture) > SchemaVersion)
                throw new FeatureLogException($"feature log '{log.Path}' has schema {version}, newer than this build's {SchemaVersion}");
            return 0;
        });
        return log;
    }

    /// <summary>How many lists the log holds.</summary>
    public long Count => Run(c => (long)Scalar(c, "SELECT COUNT(*) FROM lists")!);

    /// <inheritdoc/>
    public void Append(ServedList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        lock (_writeLock)
        {
            Run(c =>
            {
                using var transaction = c.BeginTransaction(deferred: false);
                using var insert = c.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO lists (request, pipeline, user, served, randomised, experiment, method) VALUES ($r, $p, $u, $s, $x, $e, $m) RETURNING id";
                insert.Parameters.AddWithValue("$r", list.RequestId);
                insert.Parameters.AddWithValue("$p", list.Pipeline);
                insert.Parameters.AddWithValue("$u", (object?)list.UserId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$s", list.ServedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$x", list.RandomisedTop);
                insert.Parameters.AddWithValue("$e", (object?)list.Experiment ?? DBNull.Value);
                insert.Parameters.AddWithValue("$m", (object?)list.Method ?? DBNull.Value);
                long id = (long)insert.ExecuteScalar()!;
                using var item = c.CreateCommand();
                item.Transaction = transaction;
                item.CommandText = "INSERT INTO items (list, position, item, score, features, variant, rank_a, rank_b) VALUES ($l, $p, $i, $s, $f, $v, $ra, $rb)";
                var (l, p, i, s, f) = (item.Parameters.Add("$l", SqliteType.Integer), item.Parameters.Add("$p", SqliteType.Integer),
                    item.Parameters.Add("$i", SqliteType.Text), item.Parameters.Add("$s", SqliteType.Real), item.Parameters.Add("$f", SqliteType.Text));
                var (v, ra, rb) = (item.Parameters.Add("$v", SqliteType.Text), item.Parameters.Add("$ra", SqliteType.Integer), item.Parameters.Add("$rb", SqliteType.Integer));
                item.Prepare();
                foreach (var served in list.Items)
                {
                    (l.Value, p.Value, i.Value, s.Value, f.Value) = (id, served.Position, served.ItemId, double.IsFinite(served.Score) ? served.Score : 0.0, Json(served.Features));
                    if (served.Variant is { } variant) (v.Value, ra.Value, rb.Value) = (variant.ToString(), served.RankA, served.RankB);
                    else (v.Value, ra.Value, rb.Value) = (DBNull.Value, DBNull.Value, DBNull.Value);
                    item.ExecuteNonQuery();
                }
                long oldestKept = id - MaxLists; // ids grow by one per list and the newest is never deleted, so this keeps MaxLists lists
                if (oldestKept > 0)
                {
                    Execute(c, $"DELETE FROM items WHERE list <= {oldestKept.ToString(CultureInfo.InvariantCulture)}", transaction);
                    Execute(c, $"DELETE FROM lists WHERE id <= {oldestKept.ToString(CultureInfo.InvariantCulture)}", transaction);
                }
                transaction.Commit();
                return id;
            });
        }
    }

    /// <summary>
    /// Deletes every list served to <paramref name="userId"/> with its items and returns how many lists, leaving no copy in
    /// the log's files: rows are zeroed (<c>secure_delete</c>) and the write-ahead log is checkpointed and truncated.
    /// </summary>
    /// <exception cref="FeatureLogException">The lists are deleted but readers kept the write-ahead log busy.</exception>
    public int EraseUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_writeLock)
        {
            return Run(c =>
            {
                int lists;
                using (var transaction = c.BeginTransaction(deferred: false))
                {
                    using var items = c.CreateCommand();
                    items.Transaction = transaction;
                    items.CommandText = "DELETE FROM items WHERE list IN (SELECT id FROM lists WHERE user = $u)";
                    items.Parameters.AddWithValue("$u", userId);
                    items.ExecuteNonQuery();
                    using var delete = c.CreateCommand();
                    delete.Transaction = transaction;
                    delete.CommandText = "DELETE FROM lists WHERE user = $u";
                    delete.Parameters.AddWithValue("$u", userId);
                    lists = delete.ExecuteNonQuery();
                    transaction.Commit();
                }
                if (!Interactions.SqliteInteractionStore.TruncateLog(c, TimeSpan.FromSeconds(5)))
                    throw new FeatureLogException($"feature log '{Path}': the user's lists are deleted, but a reader kept the write-ahead log busy, so earlier copies remain in it; erase again when the reader has finished");
                return lists;
            });
        }
    }

    /// <summary>
    /// Erases <paramref name="userId"/> from every feature log this process has open and from each of <paramref name="configured"/>
    /// whose file exists (a log the configuration names but no request has written to since the start); returns lists removed.
    /// </summary>
    public static int EraseEverywhere(string userId, IEnumerable<FeatureLogSettings> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        foreach (var settings in configured)
            if (File.Exists(settings.Path)) For(settings);
        int lists = 0;
        foreach (var (path, log) in Open)
        {
            // a log whose file is gone holds nobody's data any more (and reopening it would fail): forget it
            if (!File.Exists(path)) { Open.TryRemove(path, out _); continue; }
            try
            {
                lists += log.EraseUser(userId);
            }
            catch (Exception) when (!File.Exists(path)) // removed while erasing: nothing of it is left to erase
            {
                Open.TryRemove(path, out _);
            }
        }
        return lists;
    }

    /// <summary>Every list the log holds, oldest first, with its items in served order.</summary>
    public List<ServedList> ReadAll()
    {
        return Run(c =>
        {
            var lists = new List<ServedList>();
            var items = new Dictionary<long, List<ServedItem>>();
            using (var read = c.CreateCommand())
            {
                read.CommandText = "SELECT list, position, item, score, features FROM items ORDER BY list, position";
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    long list = r.GetInt64(0);
                    if (!items.TryGetValue(list, out var rows)) items[list] = rows = [];
                    rows.Add(new ServedItem(r.GetString(2), r.GetInt32(1), r.GetDouble(3), Features(r.GetString(4), list)));
                }
            }
            using (var read = c.CreateCommand())
            {
                read.CommandText = "SELECT id, request, pipeline, user, served, randomised FROM lists ORDER BY id";
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    long id = r.GetInt64(0);
                    lists.Add(new ServedList(r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetInt32(5), items.GetValueOrDefault(id) ?? []));
                }
            }
            return lists;
        });
    }

    private string Json(IReadOnlyDictionary<string, double> features)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in features)
                if (double.IsFinite(value)) w.WriteNumber(name, value); // NaN/infinity: missing, as an absent feature
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private Dictionary<string, double> Features(string json, long list)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var features = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in document.RootElement.EnumerateObject()) features[p.Name] = p.Value.GetDouble();
            return features;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FeatureLogException($"feature log '{Path}': list {list.ToString(CultureInfo.InvariantCulture)} has damaged features: {e.Message}", e);
        }
    }

    private T Run<T>(Func<SqliteConnection, T> body)
    {
        using var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA secure_delete = ON"); // per connection: deleted lists (trimmed or erased) are zeroed in the file
            return body(connection);
        }
        catch (SqliteException e)
        {
            throw new FeatureLogException($"feature log '{Path}': {e.Message}", e);
        }
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? transaction = null)
    {
        using var command = c.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
