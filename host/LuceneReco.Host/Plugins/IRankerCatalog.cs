using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// The rankers the host can run: the plugin catalogue (hot-reloaded from the plugins folder) behind the
/// interface the pipeline uses. Lookups are lock-free reads of an immutable snapshot, so a request sees
/// one consistent set of plugins while a reload swaps in the next.
/// </summary>
internal interface IRankerCatalog
{
    /// <summary>The loaded, non-quarantined ranker named <paramref name="name"/>, or null.</summary>
    RankerHandle? Find(string name);

    /// <summary>Every plugin the catalogue knows of, loaded or not, with its state.</summary>
    IReadOnlyList<PluginStatus> List();

    /// <summary>Records that <paramref name="name"/> threw or overran its budget; repeated faults quarantine it.</summary>
    void ReportFault(string name, string reason);

    /// <summary>Rescans the plugins folder now (as a file change would after the debounce delay).</summary>
    void Reload();
}

/// <summary>A loaded ranker. <see cref="Generation"/> changes whenever the plugin is (re)loaded, so callers can drop stages made from an older load.</summary>
internal sealed record RankerHandle(string Name, Version Version, IRankerPlugin Plugin, long Generation)
{
    /// <summary>
    /// The services to pass to <see cref="IRankerPlugin.CreateStage"/>: the host's, with this plugin's own
    /// data directory. Null when the catalogue was made without a services factory (e.g. <c>plugins list</c>).
    /// </summary>
    public IRankerServices? Services { get; init; }
}

/// <summary>What <c>plugins list</c> and <c>GET /plugins</c> show for one plugin folder.</summary>
/// <param name="Name">The ranker name (the folder name when loading failed before the name was known).</param>
/// <param name="Version">The loaded version, if any.</param>
/// <param name="State">"loaded", "failed" (the previous version, if any, keeps serving), or "quarantined".</param>
/// <param name="Error">Why it failed or was quarantined.</param>
/// <param name="Folder">The plugin's folder.</param>
/// <param name="Sha256">SHA-256 of the plugin's main assembly.</param>
/// <param name="LoadedAt">When the serving version was loaded.</param>
/// <param name="Faults">Request-time faults since it was loaded.</param>
internal sealed record PluginStatus(string Name, Version? Version, string State, string? Error, string Folder, string? Sha256, DateTimeOffset? LoadedAt, int Faults);
