using System.Globalization;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;
using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.Interactions;

/// <summary>
/// Interaction events in one SQLite file in WAL mode: a table <c>events(id, user, item, kind, weight, timestamp)</c>
/// with indexes for per-user and per-item newest-first reads and for reading everything in time order, and a
/// <c>schema_version</c> table. Timestamps are stored as Unix milliseconds and read back in UTC.
/// </summary>
/// <remarks>
/// Every operation takes its own connection from the provider's pool, so concurrent requests read in parallel
/// (WAL readers never block the writer or each other). Writes of this process are serialized by a lock;
/// another process writing the same file (an import while serving) is waited for up to
/// <see cref="BusyTimeoutSeconds"/>. A batch is one transaction: all of it is stored or none. A committed write
/// is visible to every read that starts after it. Ties in time are ordered by insertion (later is newer).
/// Every connection runs with <c>synchronous = FULL</c> (a commit returns after the write-ahead log is fsynced, so an
/// acknowledged write survives a power loss, not only a crash of the process) and <c>secure_delete = ON</c> (deleted
/// rows are overwritten with zeros); see docs/durability.md.
/// </remarks>
internal sealed class SqliteInteractionStore : IInteractionStore, IDisposable
{
    /// <summary>The schema this build writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How long a write waits for another process's write lock on the file.</summary>
    public const int BusyTimeoutSeconds = 30;

    private const string Columns = "user, item, kind, weight, timestamp";

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS events (
            id        INTEGER PRIMARY KEY,
            user      TEXT    NOT NULL,
            item      TEXT    NOT NULL,
            kind      TEXT    NOT NULL,
            weight    REAL    NOT NULL,
            timestamp INTEGER NOT NULL)
        """,
        // Index entries end with the rowid, so (user, timestamp) also orders ties by id: newest first is a backward scan.
        "CREATE INDEX IF NOT EXISTS events_by_user ON events (user, timestamp)",
        "CREATE INDEX IF NOT EXISTS events_by_item ON events (item, timestamp)",
        "CREATE INDEX IF NOT EXISTS events_by_time ON events (timestamp)",
    ];

    // Added after schema 1 shipped; created when missing, so older builds still open the file (they ignore the table).
    private const string ErasuresTable = "CREATE TABLE IF NOT EXISTS erasures (at INTEGER NOT NULL, events INTEGER NOT NULL)";

    // Set on every connection (both are per connection and cheap to repeat on a pooled one).
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON";

    /// <summary>How long an erasure waits for readers (a training run streaming the file) to let go of the write-ahead log.</summary>
    private static readonly TimeSpan CheckpointPatience = TimeSpan.FromSeconds(5);

    /// <summary>Short reads and writes hold it shared; an erasure's log truncation holds it alone (<see cref="TruncateLogExclusive"/>).</summary>
    private readonly ReaderWriterLockSlim _checkpointGate = new(LockRecursionPolicy.SupportsRecursion);

    private readonly string _connectionString;
    private readonly object _writeLock = new();
    private readonly object _pendingLock = new();
    private List<PendingBatch> _pending = [];
    private long _groupCommits;
    private long _groupsStarted;

    /// <summary>Group commits begun (for tests, with <see cref="GroupGateForTests"/>).</summary>
    internal long GroupsStarted => Interlocked.Read(ref _groupsStarted);

    /// <summary>Group commits so far (each one transaction and one fsync for however many batches it held).</summary>
    internal long GroupCommits => Interlocked.Read(ref _groupCommits);

    /// <summary>Batches waiting for the next group commit.</summary>
    internal int PendingBatches
    {
        get { lock (_pendingLock) return _pending.Count; }
    }

    /// <summary>For tests: when set, a group commit waits on it before writing (holding the write lock), so batches queue up.</summary>
    internal ManualResetEventSlim? GroupGateForTests { get; set; }
    private string? _writeError;
    private bool _disposed;

    private SqliteInteractionStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The store file (full path).</summary>
    public string Path { get; }

    /// <summary>Opens the store in <paramref name="path"/>, creating the file and its schema when missing.</summary>
    /// <exception cref="InteractionStoreException">The file is damaged, not a SQLite database, not an interaction store, of a newer schema, or cannot be opened.</exception>
    public static SqliteInteractionStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var store = new SqliteInteractionStore(System.IO.Path.GetFullPath(path));
        try
        {
            store.Run(store.Initialize);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be a store file (one line naming <c>--store</c>), or null when it can.</summary>
    public static string? CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "--store must not be empty";
        if (Directory.Exists(path)) return $"--store must be a file, '{path}' is a directory";
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) return $"the folder of --store '{path}' does not exist";
        return null;
    }

    /// <summary>Why the last write failed (the disk is full), or null when the last write succeeded.</summary>
    public string? WriteError => Volatile.Read(ref _writeError);

    /// <summary>When the last write failed, checks whether the store's folder can take writes again and clears <see cref="WriteError"/> if so.</summary>
    public string? ProbeWrites()
    {
        if (WriteError is not null && DiskSpace.CanWrite(System.IO.Path.GetDirectoryName(Path)!)) Interlocked.Exchange(ref _writeError, null);
        return WriteError;
    }

    /// <summary>How many events are kept.</summary>
    public long Count => Run(c => Scalar(c, "SELECT COUNT(*) FROM events"));

    /// <summary>Records one event.</summary>
    public void Add(Interaction interaction) => AddRange([interaction]);

    /// <summary>
    /// Records <paramref name="interactions"/> in one transaction and returns how many: if enumerating them
    /// throws (a bad line of an import), nothing is stored and the exception propagates.
    /// </summary>
    public int AddRange(IEnumerable<Interaction> interactions) => checked((int)Append(interactions));

    /// <summary>Batches of at most this many events are group-committed (<see cref="Append"/>); larger ones commit alone.</summary>
    internal const int GroupedBatchLimit = 10_000;

    /// <summary>
    /// Like <see cref="AddRange"/> for imports larger than <see cref="int.MaxValue"/>. A small batch in memory (a
    /// request's events) is group-committed: batches that arrive while another commit runs are written together by the
    /// next writer, each inside its own savepoint (so a bad batch is rolled back alone and only its caller gets the
    /// error), in one transaction with one fsync; every caller returns only after the commit that holds its batch.
    /// </summary>
    public long Append(IEnumerable<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (interactions is not IReadOnlyCollection<Interaction> { Count: <= GroupedBatchLimit } small)
        {
            lock (_writeLock) return Run(connection => WriteOne(connection, interactions));
        }

        var mine = new PendingBatch(small);
        lock (_pendingLock) _pending.Add(mine);
        lock (_writeLock)
        {
            if (!mine.Done)
            {
                List<PendingBatch> group;
                lock (_pendingLock)
                {
                    group = _pending;
                    _pending = [];
                }
                WriteGroup(group);
            }
        }
        return mine.Result();
    }

    /// <summary>Commits <paramref name="group"/> in one transaction; each batch's outcome is set on it. Called under the write lock.</summary>
    private void WriteGroup(List<PendingBatch> group)
    {
        Interlocked.Increment(ref _groupsStarted);
        GroupGateForTests?.Wait();
        try
        {
            Run(connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var insert = Insert(connection);
                for (int b = 0; b < group.Count; b++)
                {
                    var batch = group[b];
                    if (group.Count == 1)
                    {
                        batch.Count = Insert(insert, batch.Events);
                        continue;
                    }
                    string savepoint = "b" + b.ToString(CultureInfo.InvariantCulture);
                    transaction.Save(savepoint);
                    try
                    {
                        batch.Count = Insert(insert, batch.Events);
                        transaction.Release(savepoint);
                    }
                    catch (Exception e) when (e is ArgumentException || e is SqliteException { SqliteErrorCode: 19 }) // this batch's own fault: bad event, constraint
                    {
                        transaction.Rollback(savepoint);
                        transaction.Release(savepoint);
                        batch.Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                    }
                }
                transaction.Commit();
                Interlocked.Increment(ref _groupCommits);
                Interlocked.Exchange(ref _writeError, null);
                return 0;
            });
        }
        catch (Exception e) // the commit itself failed (a full disk, a damaged file): nothing of the group is kept
        {
            var failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            foreach (var batch in group) batch.Error = failure;
        }
        finally
        {
            foreach (var batch in group) batch.Done = true;
        }
    }

    private long WriteOne(SqliteConnection connection, IEnumerable<Interaction> interactions)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = Insert(connection);
        long count = Insert(insert, interactions);
        transaction.Commit();
        Interlocked.Exchange(ref _writeError, null);
        return count;
    }

    private static SqliteCommand Insert(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO events ({Columns}) VALUES ($user, $item, $kind, $weight, $timestamp)";
        insert.Parameters.Add("$user", SqliteType.Text);
        insert.Parameters.Add("$item", SqliteType.Text);
        insert.Parameters.Add("$kind", SqliteType.Text);
        insert.Parameters.Add("$weight", SqliteType.Real);
        insert.Parameters.Add("$timestamp", SqliteType.Integer);
        insert.Prepare();
        return insert;
    }

    private static long Insert(SqliteCommand insert, IEnumerable<Interaction> interactions)
    {
        var p = insert.Parameters;
        long count = 0;
        foreach (var e in interactions)
        {
            Check(e);
            p[0].Value = e.UserId;
            p[1].Value = e.ItemId;
            p[2].Value = e.Kind;
            p[3].Value = e.Weight;
            p[4].Value = e.Timestamp.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
            count++;
        }
        return count;
    }

    /// <summary>One caller's batch waiting for a group commit, and how it ended.</summary>
    private sealed class PendingBatch(IReadOnlyCollection<Interaction> events)
    {
        public IReadOnlyCollection<Interaction> Events { get; } = events;
        public long Count { get; set; }
        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error { get; set; }
        public bool Done { get; set; }

        public long Result()
        {
            Error?.Throw();
            return Count;
        }
    }

    /// <summary>The user's most recent events, newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => Newest("user", userId, max);

    /// <summary>The item's most recent events, newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => Newest("item", itemId, max);

    /// <summary>
    /// Deletes every event of <paramref name="userId"/> and returns how many, leaving no copy readable in the store's files:
    /// the rows are overwritten with zeros (<c>secure_delete</c>), and the write-ahead log, which still holds the pages as
    /// they were, is checkpointed into the database and truncated to zero bytes. The erasure is recorded (its time and how
    /// many events, never the id; <see cref="Erasures"/>). Erasing a user with no events still clears the log, so a retry
    /// finishes an erasure whose checkpoint was refused. Models trained earlier keep the user until retrained.
    /// </summary>
    /// <exception cref="ErasureUnfinishedException">The rows are deleted but a reader kept the log busy (old copies remain until the next erasure or a clean stop).</exception>
    public int EraseUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_writeLock)
        {
            int erased = Run(connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM events WHERE user = $user";
                delete.Parameters.AddWithValue("$user", userId);
                int deleted = delete.ExecuteNonQuery();
                if (deleted > 0)
                {
                    using var record = connection.CreateCommand();
                    record.CommandText = "INSERT INTO erasures (at, events) VALUES ($at, $events)";
                    record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    record.Parameters.AddWithValue("$events", deleted);
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
                return deleted;
            });
            if (!TruncateLogExclusive())
                throw new ErasureUnfinishedException(Path, erased, $"had the user's {erased.ToString(CultureInfo.InvariantCulture)} events deleted, but another reader kept its write-ahead log busy, so earlier copies remain in '{System.IO.Path.GetFileName(Path)}-wal' until the next erasure or a clean stop; erase again when the reader (e.g. a training run) has finished");
            return erased;
        }
    }

    /// <summary>
    /// Truncates the write-ahead log while this process's short reads wait at <see cref="_checkpointGate"/> (a steady stream
    /// of requests would otherwise always hold a snapshot in the log and starve the checkpoint); only a reader outside the
    /// gate (another process, a streaming read) can still keep it busy past <see cref="CheckpointPatience"/>.
    /// </summary>
    private bool TruncateLogExclusive()
    {
        if (!_checkpointGate.TryEnterWriteLock(CheckpointPatience)) return false;
        try
        {
            return RunOpen(connection => TruncateLog(connection, CheckpointPatience), keepOpen: false);
        }
        finally
        {
            _checkpointGate.ExitWriteLock();
        }
    }

    /// <summary>How many erasures this store has recorded, how many events they removed, and when the last was.</summary>
    public ErasureSummary Erasures() => Run(connection =>
    {
        using var command = Command(connection, "SELECT COUNT(*), COALESCE(SUM(events), 0), MAX(at) FROM erasures");
        using var reader = command.ExecuteReader();
        reader.Read();
        DateTimeOffset? last = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        return new ErasureSummary(reader.GetInt64(0), reader.GetInt64(1), last);
    });

    /// <summary>
    /// Copies every page of the write-ahead log into the database file and truncates the log to zero bytes, retrying while a
    /// reader holds an older snapshot; returns false when readers still held it after <paramref name="patience"/>.
    /// </summary>
    internal static bool TruncateLog(SqliteConnection connection, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            using (var checkpoint = Command(connection, "PRAGMA wal_checkpoint(TRUNCATE)"))
            using (var reader = checkpoint.ExecuteReader())
            {
                // One row: busy (1 when a reader or writer blocked it), frames in the log, frames copied.
                if (reader.Read() && reader.GetInt64(0) == 0) return true;
            }
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(20);
        }
    }

    /// <summary>The users, most events first, ties by id (ordinal: SQLite's BINARY collation); one grouped scan of the user index.</summary>
    public UserPage Users(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Run(connection =>
        {
            long total = Scalar(connection, "SELECT COUNT(DISTINCT user) FROM events");
            var users = new List<UserEvents>();
            if (limit == 0) return new UserPage(users, total);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT user, COUNT(*), MAX(timestamp) FROM events GROUP BY user ORDER BY 2 DESC, 1 LIMIT $limit OFFSET $offset";
            command.Parameters.AddWithValue("$limit", limit);
            command.Parameters.AddWithValue("$offset", offset);
            using var reader = command.ExecuteReader();
            while (reader.Read()) users.Add(new UserEvents(reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            return new UserPage(users, total);
        });
    }

    /// <summary>Counts, time range and kinds.</summary>
    public InteractionStoreStats Stats() => Run(connection =>
    {
        long events = Scalar(connection, "SELECT COUNT(*) FROM events");
        long users = Scalar(connection, "SELECT COUNT(DISTINCT user) FROM events");
        long items = Scalar(connection, "SELECT COUNT(DISTINCT item) FROM events");
        DateTimeOffset? first = null, last = null;
        if (events > 0)
        {
            first = DateTimeOffset.FromUnixTimeMilliseconds(Scalar(connection, "SELECT MIN(timestamp) FROM events"));
            last = DateTimeOffset.FromUnixTimeMilliseconds(Scalar(connection, "SELECT MAX(timestamp) FROM events"));
        }
        var kinds = new List<KeyValuePair<string, long>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY 2 DESC, 1";
            using var reader = command.ExecuteReader();
            while (reader.Read()) kinds.Add(new(reader.GetString(0), reader.GetInt64(1)));
        }
        return new InteractionStoreStats(events, users, items, first, last, kinds, FileSize(Path) + FileSize(Path + "-wal"));
    });

    /// <summary>
    /// Every event, oldest first (ties in insertion order), streamed: rows are read as the caller enumerates,
    /// from one snapshot of the store (writes made meanwhile are not seen). For training.
    /// </summary>
    public IEnumerable<Interaction> ReadAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = Run(c => c, keepOpen: true);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events ORDER BY timestamp, id";
        using var reader = Guard(command.ExecuteReader);
        Func<bool> read = reader.Read;
        while (Guard(read)) yield return Row(reader);
    }

    /// <summary>The statements SQLite would run for a query (for tests: which index a read uses).</summary>
    internal string QueryPlan(string sql) => Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    });

    /// <summary>Closes the pooled connections of this file (which checkpoints and removes the write-ahead log).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private long Initialize(SqliteConnection connection)
    {
        string? mode;
        using (var pragma = Command(connection, "PRAGMA journal_mode = WAL")) mode = Convert.ToString(pragma.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InteractionStoreException(Path, $"cannot be switched to WAL mode (journal mode is '{mode}')");
        using var transaction = connection.BeginTransaction(deferred: false);
        long tables = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
        bool versioned = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0;
        if (tables > 0 && !versioned)
            throw new InteractionStoreException(Path, "is a SQLite database but not a LuceneReco interaction store (it has no schema_version table)");
        if (versioned)
        {
            long version = Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            if (version > SchemaVersion)
                throw new InteractionStoreException(Path, $"has schema version {version.ToString(CultureInfo.InvariantCulture)}, newer than this build reads ({SchemaVersion.ToString(CultureInfo.InvariantCulture)}); use a newer lucenereco");
            if (version == SchemaVersion)
            {
                Execute(connection, ErasuresTable);
                transaction.Commit();
                return version;
            }
        }
        foreach (var statement in Schema) Execute(connection, statement);
        Execute(connection, ErasuresTable);
        Execute(connection, $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({SchemaVersion.ToString(CultureInfo.InvariantCulture)})");
        transaction.Commit();
        return SchemaVersion;
    }

    private IReadOnlyList<Interaction> Newest(string column, string key, int max)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0) return [];
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM events WHERE {column} = $key ORDER BY timestamp DESC, id DESC LIMIT $max";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var list = new List<Interaction>();
            while (reader.Read()) list.Add(Row(reader));
            return list;
        });
    }

    private static Interaction Row(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));

    private static void Check(Interaction e)
    {
        if (string.IsNullOrEmpty(e.UserId)) throw new ArgumentException("An interaction needs a user id.", nameof(e));
        if (string.IsNullOrEmpty(e.ItemId)) throw new ArgumentException("An interaction needs an item id.", nameof(e));
        if (e.Kind is null) throw new ArgumentException("An interaction needs a kind.", nameof(e));
        if (!double.IsFinite(e.Weight)) throw new ArgumentOutOfRangeException(nameof(e), e.Weight, "The weight must be finite.");
    }

    /// <summary>Runs <paramref name="body"/> on a pooled connection, turning SQLite errors into <see cref="InteractionStoreException"/>.</summary>
    private T Run<T>(Func<SqliteConnection, T> body, bool keepOpen = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // a connection kept open outlives this call (a streaming read), so it cannot hold the gate
        if (!keepOpen) _checkpointGate.EnterReadLock();
        try
        {
            return RunOpen(body, keepOpen);
        }
        finally
        {
            if (!keepOpen) _checkpointGate.ExitReadLock();
        }
    }

    private T RunOpen<T>(Func<SqliteConnection, T> body, bool keepOpen)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, ConnectionPragmas);
            var result = body(connection);
            if (!keepOpen) connection.Dispose();
            return result;
        }
        catch (SqliteException e) when (DiskSpace.IsFull(e))
        {
            connection.Dispose();
            Interlocked.Exchange(ref _writeError, "the disk holding the interaction store is full");
            throw WriteRefusedException.DiskFull(System.IO.Path.GetDirectoryName(Path)!, "the interaction store", e);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Translate(e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    private InteractionStoreException Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => new InteractionStoreException(Path, "is damaged or not a SQLite database (SQLite: file is not a database)", e),
        11 => new InteractionStoreException(Path, "is damaged (SQLite: database disk image is malformed)", e),
        _ => new InteractionStoreException(Path, $"cannot be used: {e.Message}", e),
    };

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
