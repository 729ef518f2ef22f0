using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using IndexNotFoundException = LuceneReco.Index.Store.IndexNotFoundException;
using LuceneDirectory = Lucene.Net.Store.Directory;
using LuceneIndexWriter = Lucene.Net.Index.IndexWriter;
using OurDocument = LuceneReco.Index.Documents.Document;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// <see cref="IRecallIndex"/> over a Lucene.Net 4.8 index: either one LuceneReco builds and writes (its schema in
/// <see cref="LuceneNetSchema.FileName"/> beside it), or one another application writes, attached read-only with a schema
/// naming its fields. Views are Lucene.Net searchers from a <see cref="SearcherManager"/> (near-real-time over the
/// writer; over the directory's commits when attached). Durability is Lucene.Net's: <see cref="Commit"/> is its commit.
/// </summary>
public sealed class LuceneNetRecallIndex : IRecallIndex
{
    /// <summary>Why this backend has no dense vectors.</summary>
    internal const string WhyNoVectors = "semantic recall needs the native index's vector store; Lucene.Net 4.8 has no vector field, and no side store keyed by item id is kept yet";

    private static readonly Dictionary<string, string> Missing = new(StringComparer.Ordinal)
    {
        ["dense vectors"] = WhyNoVectors,
        ["block-max pruning"] = "Lucene.Net 4.8 scores every matching document (block-max WAND came in Lucene 8); results are the same, only slower on long disjunctions",
        ["BM25 term selection in MoreLikeThis"] = "Lucene.Net's MoreLikeThis selects terms by tf x idf only",
    };

    private readonly LuceneDirectory _directory;
    private readonly LuceneIndexWriter? _writer;
    private readonly SearcherManager _manager;
    private readonly object _sync = new();
    private readonly Dictionary<string, bool> _pending = new(StringComparer.Ordinal); // id -> live, written since the last refresh
    private bool _disposed;

    private LuceneNetRecallIndex(string directory, LuceneDirectory luceneDirectory, LuceneNetSchema schema, LuceneIndexWriter? writer,
        SearcherManager manager, IReadOnlyDictionary<string, bool> vectors, IReadOnlyList<string> warnings)
    {
        Directory = directory;
        _directory = luceneDirectory;
        LuceneSchema = schema;
        _writer = writer;
        _manager = manager;
        Context = new LuceneNetContext(schema, LuceneNetAnalyzers.For(schema), vectors);
        Schema = Context.Projected;
        Warnings = warnings;
    }

    /// <summary>Whether <paramref name="directory"/> holds a Lucene.Net index LuceneReco built (its schema file is there).</summary>
    public static bool IsLuceneNetIndex(string directory) => File.Exists(Path.Combine(directory, LuceneNetSchema.FileName));

    /// <summary>
    /// Opens the Lucene.Net index LuceneReco built at <paramref name="directory"/> for writing, or creates one with
    /// <paramref name="schema"/> (then the schema file is written beside it and an empty first commit made).
    /// </summary>
    /// <exception cref="IndexNotFoundException">No index there and no schema to create one with.</exception>
    /// <exception cref="ArgumentException">The schema differs from the one the index was built with.</exception>
    public static LuceneNetRecallIndex Open(string directory, IndexSchema? schema = null) =>
        Open(directory, schema is null ? null : LuceneNetSchema.From(schema));

    /// <summary>As <see cref="Open(string, IndexSchema?)"/>, with the schema in Lucene.Net terms (analyzers only Lucene.Net has, numeric types).</summary>
    public static LuceneNetRecallIndex Open(string directory, LuceneNetSchema? schema)
    {
        directory = Path.GetFullPath(directory);
        LuceneNetSchema luceneSchema;
        if (IsLuceneNetIndex(directory))
        {
            luceneSchema = LuceneNetSchema.Load(Path.Combine(directory, LuceneNetSchema.FileName));
            if (schema is not null && luceneSchema.ToJson() != schema.ToJson())
                throw new ArgumentException($"The index at '{directory}' was built with another schema; rebuild it or leave the schema out.", nameof(schema));
        }
        else if (schema is null) throw new IndexNotFoundException(directory);
        else
        {
            System.IO.Directory.CreateDirectory(directory);
            luceneSchema = schema;
        }
        var dir = FSDirectory.Open(directory);
        LuceneIndexWriter? writer = null;
        try
        {
            // 64 MiB before a flush, as the native writer: Lucene.Net's 16 MiB default leaves several times more segments,
            // and every MoreLikeThis term costs a lookup per segment (measured: about 10x slower MoreLikeThis on Debian)
            var config = new IndexWriterConfig(LuceneNetAnalyzers.Version, LuceneNetAnalyzers.For(luceneSchema)) { OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = 64 };
            writer = new LuceneIndexWriter(dir, config);
            if (!IsLuceneNetIndex(directory))
            {
                writer.Commit();
                luceneSchema.Save(directory);
            }
            var vectors = luceneSchema.Fields.ToDictionary(f => f.Name, f => f.Kind == "text" && f.TermVectors, StringComparer.Ordinal);
            return new LuceneNetRecallIndex(directory, dir, luceneSchema, writer, new SearcherManager(writer, true, null), vectors, []);
        }
        catch
        {
            writer?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Attaches, read-only, the Lucene.Net index another application writes at <paramref name="directory"/>, described by
    /// <paramref name="schema"/>. Every named field is checked against the index: a missing field, or a text or keyword
    /// field that is not indexed, is an error (all listed at once); a text field without term vectors is a warning
    /// (MoreLikeThis re-analyses its stored text). <see cref="Refresh"/> picks up that application's later commits.
    /// </summary>
    /// <exception cref="IndexNotFoundException">There is no Lucene index (no commit) there.</exception>
    /// <exception cref="ArgumentException">The schema does not fit the index; the message lists every problem.</exception>
    public static LuceneNetRecallIndex Attach(string directory, LuceneNetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        directory = Path.GetFullPath(directory);
        var dir = FSDirectory.Open(directory);
        try
        {
            if (!DirectoryReader.IndexExists(dir)) throw new IndexNotFoundException(directory);
            var manager = new SearcherManager(dir, null);
            var searcher = manager.Acquire();
            try
            {
                var (vectors, warnings) = LuceneNetAttachCheck.Check(directory, schema, searcher.IndexReader);
                return new LuceneNetRecallIndex(directory, dir, schema, null, manager, vectors, warnings);
            }
            catch
            {
                manager.Dispose();
                throw;
            }
            finally { manager.Release(searcher); }
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>The schema in Lucene.Net terms (field names as in the index, id field, numeric types).</summary>
    public LuceneNetSchema LuceneSchema { get; }

    internal LuceneNetContext Context { get; }

    /// <inheritdoc/>
    public string Backend => "lucenenet";

    /// <inheritdoc/>
    public string Directory { get; }

    /// <inheritdoc/>
    public IndexSchema Schema { get; }

    /// <inheritdoc/>
    public bool ReadOnly => _writer is null;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Unavailable => Missing;

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings { get; }

    /// <inheritdoc/>
    public IRecallView Acquire()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var searcher = _manager.Acquire();
        return new LuceneNetRecallView(searcher, Context, () => _manager.Release(searcher));
    }

    /// <inheritdoc/>
    public bool Refresh()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var before = _manager.Acquire();
            try
            {
                _manager.MaybeRefreshBlocking();
                _pending.Clear();
                var after = _manager.Acquire();
                bool changed = !ReferenceEquals(before.IndexReader, after.IndexReader);
                _manager.Release(after);
                return changed;
            }
            finally { _manager.Release(before); }
        }
    }

    /// <inheritdoc/>
    public void Add(OurDocument document)
    {
        var writer = Writer("add");
        var doc = LuceneNetDocuments.ToLucene(document, LuceneSchema);
        lock (_sync)
        {
            if (IsLiveLocked(document.Id))
                throw new ArgumentException($"A document with id '{document.Id}' already exists; use Update to replace it.", nameof(document));
            writer.AddDocument(doc);
            _pending[document.Id] = true;
        }
    }

    /// <inheritdoc/>
    public bool Update(OurDocument document)
    {
        var writer = Writer("update");
        var doc = LuceneNetDocuments.ToLucene(document, LuceneSchema);
        lock (_sync)
        {
            bool replaced = IsLiveLocked(document.Id);
            writer.UpdateDocument(new Term(LuceneSchema.IdField, document.Id), doc);
            _pending[document.Id] = true;
            return replaced;
        }
    }

    /// <inheritdoc/>
    public bool Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var writer = Writer("delete");
        lock (_sync)
        {
            bool live = IsLiveLocked(id);
            writer.DeleteDocuments(new Term(LuceneSchema.IdField, id));
            _pending[id] = false;
            return live;
        }
    }

    /// <inheritdoc/>
    public int DeleteByKeyword(string field, string value)
    {
        var writer = Writer("delete");
        if (LuceneSchema.Find(field) is not { Kind: "keyword" })
            throw new ArgumentException($"Field '{field}' is not a keyword field of the schema.", nameof(field));
        lock (_sync)
        {
            Refresh(); // count against a view that has every write so far
            using var view = (LuceneNetRecallView)Acquire();
            int count = view.Search(new Index.Search.TermQuery(field, value), 1).TotalHits;
            writer.DeleteDocuments(new Term(field, value));
            return count;
        }
    }

    /// <inheritdoc/>
    public void Commit() => Writer("commit").Commit();

    private bool IsLiveLocked(string id)
    {
        if (_pending.TryGetValue(id, out bool live)) return live;
        using var view = Acquire();
        return view.DocOf(id) >= 0;
    }

    private LuceneIndexWriter Writer(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ?? throw new IndexReadOnlyException(Directory, operation);
    }

    /// <summary>Closes the searcher manager (views still held stay readable until disposed), then the writer (without committing) and the directory.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _manager.Dispose();
        if (_writer is not null)
        {
            _writer.Rollback(); // uncommitted writes are dropped, as on the native index; Rollback also closes the writer
        }
        _directory.Dispose();
    }
}
