namespace LuceneReco.Host.Plugins;

/// <summary>Where plugins live and how the <see cref="PluginCatalog"/> watches, pins and quarantines them.</summary>
internal sealed record PluginCatalogOptions
{
    /// <summary>The plugins folder: every subfolder is one plugin (names starting with '.' are skipped, so a deployment can stage a copy in <c>.incoming/</c> and rename it).</summary>
    /// <value>Required. Created if missing.</value>
    public required string Folder { get; init; }

    /// <summary>Whether to watch <see cref="Folder"/> and reload on changes; off, only <see cref="PluginCatalog.Reload"/> rescans.</summary>
    /// <value>The default is true.</value>
    public bool Watch { get; init; } = true;

    /// <summary>How long the folder must be quiet after a change before it is rescanned, in milliseconds.</summary>
    /// <value>The default is 500. At least 1.</value>
    public int DebounceMs { get; init; } = 500;

    /// <summary>
    /// Expected SHA-256 (64 hex digits) of a plugin's main assembly, keyed by plugin folder name or by ranker
    /// name; a mismatch fails the load. A pin by folder name is checked before any plugin code runs; a pin by
    /// ranker name only after the plugin was instantiated (its name is plugin code), so prefer folder names.
    /// </summary>
    /// <value>The default is empty: nothing pinned.</value>
    public IReadOnlyDictionary<string, string> PinnedSha256 { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many faults within <see cref="QuarantineWindow"/> quarantine a ranker.</summary>
    /// <value>The default is 5. At least 1.</value>
    public int QuarantineAfterFaults { get; init; } = 5;

    /// <summary>The sliding window in which faults are counted.</summary>
    /// <value>The default is 1 minute. Greater than zero.</value>
    public TimeSpan QuarantineWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where plugins keep their data: <c>&lt;DataRoot&gt;/&lt;plugin folder name&gt;</c>. Null keeps it inside the
    /// plugin, <c>&lt;Folder&gt;/&lt;plugin folder name&gt;/data</c>, which is never taken for a code change.
    /// </summary>
    /// <value>The default is null.</value>
    public string? DataRoot { get; init; }

    /// <summary>The data directory of the plugin in <paramref name="pluginFolderName"/>.</summary>
    public string DataDirectoryOf(string pluginFolderName) => DataRoot is null
        ? Path.Combine(Folder, pluginFolderName, PluginFingerprint.DataFolderName)
        : Path.Combine(DataRoot, pluginFolderName);

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Folder)) problems.Add("Folder must be set");
        if (DebounceMs < 1) problems.Add($"DebounceMs must be at least 1 (was {DebounceMs})");
        if (QuarantineAfterFaults < 1) problems.Add($"QuarantineAfterFaults must be at least 1 (was {QuarantineAfterFaults})");
        if (QuarantineWindow <= TimeSpan.Zero) problems.Add($"QuarantineWindow must be greater than zero (was {QuarantineWindow})");
        if (DataRoot is not null && string.IsNullOrWhiteSpace(DataRoot)) problems.Add("DataRoot must be null or a path");
        if (PinnedSha256 is null) problems.Add("PinnedSha256 must not be null");
        else
            foreach (var (key, hex) in PinnedSha256)
                if (hex is null || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                    problems.Add($"PinnedSha256['{key}'] must be 64 hex digits (was '{hex}')");
        if (problems.Count > 0) throw new ArgumentException("Invalid plugin catalogue options: " + string.Join("; ", problems) + ".");
    }
}
