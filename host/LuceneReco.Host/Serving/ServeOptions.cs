namespace LuceneReco.Host.Serving;

/// <summary>What <c>serve</c> and <c>recommend</c> open.</summary>
internal sealed record ServeOptions
{
    /// <summary>The index directory (required).</summary>
    public required string Index { get; init; }

    /// <summary>The plugins folder. <value>The default is <c>null</c>: no rankers (stages are skipped).</value></summary>
    public string? Plugins { get; init; }

    /// <summary>The interaction store, a SQLite file created when missing. <value>The default is <c>null</c>: events are kept in memory and lost on exit.</value></summary>
    public string? Store { get; init; }

    /// <summary>The pipeline configuration file, watched for changes. <value>The default is <c>null</c>: <see cref="Pipelines.ServingConfig.BuiltIn"/>.</value></summary>
    public string? Config { get; init; }

    /// <summary>Where each plugin gets its data folder. <value>The default is <c>null</c>: <c>INDEX.plugin-data</c> beside the index directory.</value></summary>
    public string? DataDirectory { get; init; }

    /// <summary>Open the index read-only (its last commit; no writer, no lock), as <c>recommend</c> does. <value>The default is <c>false</c>.</value></summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// A schema file naming the fields of a Lucene.Net index another application writes, which is then attached read-only
    /// (<c>--lucenenet-schema</c>). <value>The default is <c>null</c>: the folder is LuceneReco's own index (native or Lucene.Net).</value>
    /// </summary>
    public string? LuceneNetSchema { get; init; }

    /// <summary>
    /// How often a Lucene.Net index is refreshed to see new commits (<c>--refresh</c>, another application's on an attached index).
    /// <value>The default is <c>null</c>: <see cref="RecallIndexService.DefaultRefreshInterval"/> (1 second).</value>
    /// </summary>
    public TimeSpan? Refresh { get; init; }

    /// <summary>The plugin data root in effect.</summary>
    public string DataRoot => DataDirectory ?? Path.GetFullPath(Index).TrimEnd(Path.DirectorySeparatorChar) + ".plugin-data";

    /// <summary>The shortest refresh interval accepted (each refresh reads the index's newest commit file).</summary>
    public static readonly TimeSpan MinRefresh = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest refresh interval accepted.</summary>
    public static readonly TimeSpan MaxRefresh = TimeSpan.FromHours(1);

    private static bool LuceneNetRecallIndexFile(string directory) => LuceneReco.Index.LuceneNet.LuceneNetRecallIndex.IsLuceneNetIndex(directory);

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Index)) errors.Add("--index is required");
        else if (!Directory.Exists(Index)) errors.Add($"index directory '{Index}' does not exist");
        else if (LuceneNetSchema is null && IndexFolder.BackendOf(Index) == IndexFolder.LuceneNet && !LuceneNetRecallIndexFile(Index))
            errors.Add($"'{Index}' holds a Lucene.Net index without {LuceneReco.Index.LuceneNet.LuceneNetSchema.FileName}; give --lucenenet-schema FILE.json naming its id and fields to attach it read-only (see docs/serving.md)");
        if (LuceneNetSchema is { } schema && !File.Exists(schema)) errors.Add($"Lucene.Net schema file '{schema}' does not exist");
        if (Refresh is { } refresh && (refresh < MinRefresh || refresh > MaxRefresh))
            errors.Add($"--refresh must be between {MinRefresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} and {MaxRefresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} seconds, got {refresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (Plugins is { } p && !Directory.Exists(p)) errors.Add($"plugins directory '{p}' does not exist");
        if (Config is { } c && !File.Exists(c)) errors.Add($"config file '{c}' does not exist");
        if (Store is { } s && Interactions.SqliteInteractionStore.CheckPath(s) is { } storeProblem) errors.Add(storeProblem);
        return errors;
    }
}
