using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// Serves one model and reloads it at the first request after it (or its features file) changes size or write time, or,
/// for a versioned model (<see cref="ModelVersions"/>), after a new version is written or an alias moves. A new version
/// that fails to load is reported once through the log (the message names the file and the tree, node or line) and the
/// previous model keeps serving until the files change again. Requests never wait on a reload: while one request
/// reloads, the others keep the model already served. Thread-safe.
/// </summary>
internal sealed class ModelReloader
{
    private readonly string _modelPath;
    private readonly ModelFormat _format;
    private readonly string? _featuresPath;
    private readonly IReadOnlyList<FeatureSpec>? _optionFeatures;
    private readonly string _reference;
    private readonly IRankerLog _log;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private ServedModel _current;
    private Resolution _resolution;
    private (string Path, FileStamp Stamp)? _failed;
    private (DateTime, long, DateTime)? _failedFolder;
    private string? _problem;
    private long _loads;

    /// <summary>Which files a model reference came to, and the folder as it was then.</summary>
    private sealed record Resolution(string Model, string? Features, int? Version, (DateTime, long, DateTime) Folder);

    /// <summary>Loads the model now; a bad or missing file, or a version that is not there, throws <see cref="ModelFormatException"/>.</summary>
    /// <param name="modelPath">The model the stage names (its versions, when there are any, are beside it).</param>
    /// <param name="format">The model's format.</param>
    /// <param name="featuresPath">The features file the stage names, or null.</param>
    /// <param name="optionFeatures">The features the options declare, or null.</param>
    /// <param name="reference">Which version: an alias (<c>production</c>) or a version number.</param>
    /// <param name="log">Where reloads and failures are said.</param>
    /// <param name="clock">The clock.</param>
    public ModelReloader(string modelPath, ModelFormat format, string? featuresPath, IReadOnlyList<FeatureSpec>? optionFeatures, string reference, IRankerLog log, TimeProvider clock)
    {
        _modelPath = modelPath;
        _format = format;
        _featuresPath = featuresPath;
        _optionFeatures = optionFeatures;
        _reference = reference;
        _log = log;
        _clock = clock;
        _resolution = Resolve();
        _current = Load(_resolution, FileStamp.Of(_resolution.Model, _resolution.Features));
    }

    /// <summary>The model path the stage names.</summary>
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
        Resolution resolution = Volatile.Read(ref _resolution);
        var folder = ModelVersions.FolderStamp(_modelPath);
        if (folder == resolution.Folder && resolution.Model == current.ModelPath && FileStamp.Of(resolution.Model, resolution.Features) == current.Stamp)
        {
            if (Volatile.Read(ref _problem) is not null) Volatile.Write(ref _problem, null); // the served files are back
            return current;
        }
        if (!Monitor.TryEnter(_gate)) return current;
        try
        {
            current = _current;
            if (folder != _resolution.Folder)
            {
                if (folder == _failedFolder) return current; // the versions or aliases that did not resolve, unchanged
                try
                {
                    Volatile.Write(ref _resolution, Resolve());
                    _failedFolder = null;
                }
                catch (ModelFormatException e)
                {
                    _failedFolder = folder;
                    return Failed(current, e, (_modelPath, default));
                }
            }
            resolution = _resolution;
            FileStamp stamp = FileStamp.Of(resolution.Model, resolution.Features);
            if ((resolution.Model == current.ModelPath && stamp == current.Stamp) || (resolution.Model, stamp) == _failed) return current;
            try
            {
                ServedModel next = Load(resolution, stamp);
                Volatile.Write(ref _current, next);
                current.Release(); // the reloader's reference: freed now, or when the last request scoring with it ends
                Interlocked.Increment(ref _loads);
                _failed = null;
                Volatile.Write(ref _problem, null);
                _log.Info(next.Version is int v ? $"learned: now serving version {v} of {_modelPath} ({next.ModelPath})" : $"learned: reloaded {_modelPath}");
                return next;
            }
            catch (ModelFormatException e)
            {
                return Failed(current, e, (resolution.Model, stamp));
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private ServedModel Failed(ServedModel current, ModelFormatException e, (string, FileStamp) what)
    {
        bool first = _failed != what;
        _failed = what;
        Volatile.Write(ref _problem, $"{e.Message} (the model loaded at {current.LoadedAt:u} keeps serving)");
        if (first) _log.Warn($"learned: the new model does not load and the one loaded at {current.LoadedAt:u} keeps serving: {e.Message}");
        return current;
    }

    private Resolution Resolve()
    {
        var folder = ModelVersions.FolderStamp(_modelPath);
        var (path, version) = ModelVersions.Resolve(_modelPath, _reference);
        // a version's features file is the one written beside it, where the stage names the default one (model.features.json)
        string? features = _featuresPath;
        if (version is not null && features is not null && features == Training.LambdaMartTrainer.FeaturesPathOf(_modelPath))
            features = Training.LambdaMartTrainer.FeaturesPathOf(path);
        return new Resolution(path, features, version, folder);
    }

    private ServedModel Load(Resolution resolution, FileStamp stamp)
    {
        ScoringModel model = ModelLoader.Load(resolution.Model, _format);
        IReadOnlyList<FeatureSpec>? declared = _optionFeatures;
        string? declaredIn = declared is null ? null : "the options (features)";
        if (resolution.Features is not null)
        {
            declared = FeatureSpecReader.Read(resolution.Features);
            declaredIn = resolution.Features;
        }
        return new ServedModel(model, FeatureSchema.For(model, declared, declaredIn), stamp, _clock.GetUtcNow()) { ModelPath = resolution.Model, Version = resolution.Version };
    }
}
