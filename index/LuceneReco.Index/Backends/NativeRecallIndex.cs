using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Backends;

/// <summary>
/// <see cref="IRecallIndex"/> over the native index: a thin adapter over <see cref="IndexWriter"/> (writable) or
/// <see cref="IndexReader"/> (read-only). Views are reference-counted readers: a refresh publishes a new reader and
/// the old one is disposed once the last view acquired on it is disposed.
/// </summary>
public sealed class NativeRecallIndex : IRecallIndex
{
    private readonly IndexWriter? _writer;
    private readonly object _sync = new();
    private HeldReader _current;
    private bool _disposed;

    private NativeRecallIndex(string directory, IndexWriter? writer, IndexReader reader)
    {
        Directory = directory;
        _writer = writer;
        _current = new HeldReader(reader);
        Schema = reader.Schema;
    }

    /// <summary>Opens (or creates, with <see cref="IndexWriterOptions.Schema"/>) the index at <paramref name="directory"/> for writing.</summary>
    public static NativeRecallIndex Open(string directory, IndexWriterOptions? options = null)
    {
        var writer = IndexWriter.Open(directory, options);
        try { return new NativeRecallIndex(writer.Directory, writer, writer.GetReader()); }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Opens the last commit of the index at <paramref name="directory"/> read-only; <see cref="Refresh"/> picks up later commits.</summary>
    public static NativeRecallIndex OpenReadOnly(string directory)
    {
        var reader = IndexReader.Open(directory);
        return new NativeRecallIndex(reader.Directory, null, reader);
    }

    /// <summary>
    /// A view of <paramref name="reader"/>, which the caller keeps open for as long as the view is used; disposing the view
    /// releases nothing. What serving uses to hand its near-real-time reader out through <see cref="IRecallView"/> at no cost.
    /// </summary>
    public static IRecallView View(IndexReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new NativeRecallView(reader, static () => { });
    }

    /// <inheritdoc/>
    public string Backend => "native";

    /// <inheritdoc/>
    public string Directory { get; }

    /// <inheritdoc/>
    public IndexSchema Schema { get; }

    /// <inheritdoc/>
    public bool ReadOnly => _writer is null;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Unavailable { get; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => [];

    /// <inheritdoc/>
    public IRecallView Acquire()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _current.IncRef();
            return new NativeRecallView(_current.Reader, _current.DecRef);
        }
    }

    /// <inheritdoc/>
    public bool Refresh()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var old = _current;
            var next = _writer is { } w ? w.GetReader() : old.Reader.Reopen();
            if (ReferenceEquals(next, old.Reader)) return false;
            _current = new HeldReader(next);
            old.DecRef();
            return true;
        }
    }

    /// <inheritdoc/>
    public void Add(Document document) => Writer("add").Add(document);

    /// <inheritdoc/>
    public bool Update(Document document) => Writer("update").Update(document);

    /// <inheritdoc/>
    public bool Delete(string id) => Writer("delete").Delete(id);

    /// <inheritdoc/>
    public int DeleteByKeyword(string field, string value) => Writer("delete").DeleteByKeyword(field, value);

    /// <inheritdoc/>
    public void Commit() => Writer("commit").Commit();

    private IndexWriter Writer(string operation) => _writer ?? throw new IndexReadOnlyException(Directory, operation);

    /// <summary>Releases the current reader (views still held keep theirs until disposed) and closes the writer.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            _current.DecRef();
        }
        _writer?.Dispose();
    }

    /// <summary>A reader with a count of the holders (the index itself and each view); disposed when the count reaches zero.</summary>
    private sealed class HeldReader(IndexReader reader)
    {
        private int _refs = 1;

        public IndexReader Reader { get; } = reader;

        public void IncRef() => Interlocked.Increment(ref _refs);

        public void DecRef()
        {
            if (Interlocked.Decrement(ref _refs) == 0) Reader.Dispose();
        }
    }
}
