using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// Serves one model file and reloads it at the first request after it (or its features file) changes size or write time.
/// A new version that fails to load is reported once through the log (the message names the file and the tree, node or
/// line) and the previous model keeps serving until the file changes again. Requests never wait on a reload: while one
/// request reloads, the others keep the model already served. Thread-safe.
/// </summary>
internal sealed class ModelReloader
{
    private readonly string _modelPath;
    private readonly ModelFormat _format;
    private readonly string? _featuresPath;
    private readonly IReadOnlyList<FeatureSpec>? _optionFeatures;
    private readonly IRankerLog _log;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private ServedModel _current;
    private FileStamp? _failed;
    private string? _problem;
    private long _loads;

    /// <summary>Loads the model now; a bad or missing file throws <see cref="ModelFormatException"/>.</summary>
    public ModelReloader(string modelPath, ModelFormat format, string? featuresPath, IReadOnlyList<FeatureSpec>? optionFeatures, IRankerLog log, TimeProvider clock)
    {
        _modelPath = modelPath;
        _format = format;
        _featuresPath = featuresPath;
        _optionFeatures = optionFeatures;
        _log = log;
        _clock = clock;
        _current = Load(FileStamp.Of(modelPath, featuresPath));
    }

    public string ModelPath => _modelPath;

    /// <summary>How many newer versions were put in service since the first (for <see cref="IPluginState"/>).</summary>
    public long Reloads => Interlocked.Read(ref _loads);

    /// <summary>
    /// Why the newest version of the files is not the one serving (it failed to load; the message names the file), or
    /// null while the files on disk are the ones served. Read after <see cref="Get"/>, which retries a changed file.
    /// </summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>
    /// The model to score with (reloaded first when the files changed), held until the lease is disposed: a newer version
    /// put in service meanwhile does not free this one (an ONNX session) until every lease on it is given back.
    /// </summary>
    public Lease Acquire()
    {
        while (true)
        {
            ServedModel served = Get();
            if (served.TryAcquire()) return new Lease(served);
            // replaced and released between Get and TryAcquire: the newer one is in _current now
        }
    }

    /// <summary>A reference to a served model; dispose it once scoring is done.</summary>
    public readonly struct Lease(ServedModel served) : IDisposable
    {
        public ServedModel Served { get; } = served;

        public void Dispose() => Served?.Release();
    }

    /// <summary>The model to score with, reloaded first when the files changed since it was read (not held: score through <see cref="Acquire"/>).</summary>
    public ServedModel Get()
    {
        ServedModel current = Volatile.Read(ref _current);
        FileStamp stamp = FileStamp.Of(_modelPath, _featuresPath);
        if (stamp == current.Stamp)
        {
            if (Volatile.Read(ref _problem) is not null) Volatile.Write(ref _problem, null); // the served files are back
            return current;
        }
        if (!Monitor.TryEnter(_gate)) return current;
        try
        {
            current = _current;
            if (stamp == current.Stamp || stamp == _failed) return current;
            try
            {
                ServedModel next = Load(stamp);
                Volatile.Write(ref _current, next);
                current.Release(); // the reloader's reference: freed now, or when the last request scoring with it ends
                Interlocked.Increment(ref _loads);
                _failed = null;
                Volatile.Write(ref _problem, null);
                _log.Info($"learned: reloaded {_modelPath}");
                return next;
            }
            catch (ModelFormatException e)
            {
                _failed = stamp;
                Volatile.Write(ref _problem, $"{e.Message} (the model loaded at {current.LoadedAt:u} keeps serving)");
                _log.Warn($"learned: the new model does not load and the one loaded at {current.LoadedAt:u} keeps serving: {e.Message}");
                return current;
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private ServedModel Load(FileStamp stamp)
    {
        ScoringModel model = ModelLoader.Load(_modelPath, _format);
        IReadOnlyList<FeatureSpec>? declared = _optionFeatures;
        string? declaredIn = declared is null ? null : "the options (features)";
        if (_featuresPath is not null)
        {
            declared = FeatureSpecReader.Read(_featuresPath);
            declaredIn = _featuresPath;
        }
        return new ServedModel(model, FeatureSchema.For(model, declared, declaredIn), stamp, _clock.GetUtcNow());
    }
}
