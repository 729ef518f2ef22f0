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

    /// <summary>The plugin data root in effect.</summary>
    public string DataRoot => DataDirectory ?? Path.GetFullPath(Index).TrimEnd(Path.DirectorySeparatorChar) + ".plugin-data";

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Index)) errors.Add("--index is required");
        else if (!Directory.Exists(Index)) errors.Add($"index directory '{Index}' does not exist");
        else if (IndexFolder.BackendOf(Index) == IndexFolder.LuceneNet) // the request path still reads the native index directly
            errors.Add($"'{Index}' holds a Lucene.Net index, which serve and recommend cannot serve yet; search and mlt read it (see docs/cli.md)");
        if (Plugins is { } p && !Directory.Exists(p)) errors.Add($"plugins directory '{p}' does not exist");
        if (Config is { } c && !File.Exists(c)) errors.Add($"config file '{c}' does not exist");
        if (Store is { } s && Interactions.SqliteInteractionStore.CheckPath(s) is { } storeProblem) errors.Add(storeProblem);
        return errors;
    }
}
