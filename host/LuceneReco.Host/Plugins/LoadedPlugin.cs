namespace LuceneReco.Host.Plugins;

/// <summary>
/// One version of one plugin folder, loaded into its own collectible context: its main assembly, that
/// assembly's SHA-256 and the ranker instances it exports. <see cref="Unload"/> starts unloading the
/// context; it completes once nothing references the plugin's types (stages still serving requests keep
/// it alive until they finish).
/// </summary>
internal sealed class LoadedPlugin
{
    private IDisposable? _loader;

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

    /// <summary>Starts unloading the context (once; later calls do nothing).</summary>
    public void Unload() => Interlocked.Exchange(ref _loader, null)?.Dispose();
}
