using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The rankers the host can run: the plugin catalogue (hot-reloaded from the plugins folder) behind the
/// interface the pipeline uses. Lookups are lock-free reads of an immutable snapshot, so a request sees
/// one consistent set of plugins while a reload swaps in the next.
/// </summary>
internal interface IRankerCatalog
{
    /// <summary>The loaded, non-quarantined ranker named <paramref name="name"/>, or null.</summary>
    RankerHandle? Find(string name);

    /// <summary>
    /// The rankers as of now, as one consistent set: a request resolves every source and stage through one snapshot, so a
    /// hot reload between its recall and its rerank cannot mix two versions of a plugin in one response.
    /// </summary>
    RankerSet Snapshot() => new(Find);

    /// <summary>Every plugin the catalogue knows of, loaded or not, with its state.</summary>
    IReadOnlyList<PluginStatus> List();

    /// <summary>Records that <paramref name="name"/> threw, overran its time budget or its allocation budget; repeated faults quarantine it.</summary>
    void ReportFault(string name, string reason);

    /// <summary>Rescans the plugins folder now (as a file change would after the debounce delay).</summary>
    void Reload();
}

/// <summary>
/// A loaded plugin. <see cref="Generation"/> changes whenever the plugin is (re)loaded, so callers can drop stages and sources
/// made from an older load. <see cref="DataDirectory"/> is the plugin folder's data folder, shared by every plugin type of the
/// folder's assembly (so a source, its stages and its training see the same models); created when services are made.
/// </summary>
internal sealed record RankerHandle(string Name, Version Version, IRankerPlugin Plugin, long Generation, string DataDirectory);

/// <summary>
/// A consistent set of loaded plugins, by name (see <see cref="IRankerCatalog.Snapshot"/>). Disposing it ends the
/// request's hold on them: a plugin replaced meanwhile unloads only once no set that holds it is still in use.
/// </summary>
internal sealed class RankerSet(Func<string, RankerHandle?> find, Action? release = null) : IDisposable
{
    private Action? _release = release;

    /// <summary>The loaded, non-quarantined plugin named <paramref name="name"/>, or null.</summary>
    public RankerHandle? Find(string name) => find(name);

    /// <summary>Releases the plugins (once).</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}

/// <summary>What <c>plugins list</c> and <c>GET /plugins</c> show for one plugin folder.</summary>
/// <param name="Name">The ranker name (the folder name when loading failed before the name was known).</param>
/// <param name="Version">The loaded version, if any.</param>
/// <param name="State">
/// "loaded"; "stale" (the folder's files changed and failed to load: the version loaded before keeps serving, <paramref name="Error"/>
/// says why); "failed" (nothing of the folder serves); or "quarantined".
/// </param>
/// <param name="Error">Why it failed or was quarantined.</param>
/// <param name="Folder">The plugin's folder.</param>
/// <param name="Sha256">SHA-256 of the plugin's main assembly.</param>
/// <param name="LoadedAt">When the serving version was loaded.</param>
/// <param name="Faults">Request-time faults since it was loaded.</param>
internal sealed record PluginStatus(string Name, Version? Version, string State, string? Error, string Folder, string? Sha256, DateTimeOffset? LoadedAt, int Faults);
