namespace LuceneReco.Host.Plugins;

/// <summary>
/// One version of one plugin folder, loaded into its own collectible context: its main assembly, that
/// assembly's SHA-256 and the ranker instances it exports. Requests hold a lease on it (<see cref="TryAcquire"/>,
/// <see cref="Release"/>) while they run its code; <see cref="Unload"/> retires it, and the context starts unloading
/// when the last lease goes. Unloading earlier would break a request in flight the moment the plugin loads one more of
/// its dependencies ("an operation is not legal in the current state").
/// </summary>
internal sealed class LoadedPlugin
{
    private readonly Lock _gate = new();
    private IDisposable? _loader;
    private int _leases;
    private bool _retired;

    public LoadedPlugin(string folder, string mainAssembly, string sha256, IReadOnlyList<LoadedRanker> rankers, IDisposable loader)
    {
        Folder = folder;
        MainAssembly = mainAssembly;
        Sha256 = sha256;
        Rankers = rankers;
        _loader = loader;
    }

    /// <summary>The plugin folder.</summary>
    public string Folder { get; }

    /// <summary>The main assembly's path.</summary>
    public string MainAssembly { get; }

    /// <summary>SHA-256 of the main assembly as loaded, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>The rankers the assembly exports, in type-name order; at least one, names unique.</summary>
    public IReadOnlyList<LoadedRanker> Rankers { get; }

    /// <summary>Takes a lease for a request; false when the plugin has already unloaded (take the newer catalogue's then).</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_loader is null) return false;
            _leases++;
            return true;
        }
    }

    /// <summary>Gives a lease back; the last one of a retired plugin starts unloading its context.</summary>
    public void Release()
    {
        IDisposable? unload = null;
        lock (_gate)
        {
            if (_leases == 0) throw new InvalidOperationException("A plugin lease was released twice.");
            if (--_leases == 0 && _retired) (unload, _loader) = (_loader, null);
        }
        unload?.Dispose();
    }

    /// <summary>Retires the plugin: its context starts unloading now if no request holds a lease, else when the last one goes (once; later calls do nothing).</summary>
    public void Unload()
    {
        IDisposable? unload = null;
        lock (_gate)
        {
            _retired = true;
            if (_leases == 0) (unload, _loader) = (_loader, null);
        }
        unload?.Dispose();
    }
}
