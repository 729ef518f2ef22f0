namespace LuceneReco.Host.Cli;

/// <summary>What <c>index delete</c> was asked to delete: exactly one of ids, an ids file, or a keyword match.</summary>
internal sealed record IndexDeleteOptions
{
    /// <summary>The index directory.</summary>
    public required string Index { get; init; }

    /// <summary>Ids to delete.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>A file with one id per line (blank lines ignored).</summary>
    /// <value>The default is <c>null</c>.</value>
    public string? IdsFile { get; init; }

    /// <summary><c>field=value</c>: delete every document whose keyword field has the value.</summary>
    /// <value>The default is <c>null</c>.</value>
    public string? Keyword { get; init; }

    /// <summary>The field of <see cref="Keyword"/>, or null.</summary>
    public string? KeywordField => Keyword is { } k && k.IndexOf('=') is > 0 and var i ? k[..i].Trim() : null;

    /// <summary>The value of <see cref="Keyword"/>, or null.</summary>
    public string? KeywordValue => Keyword is { } k && k.IndexOf('=') is > 0 and var i ? k[(i + 1)..].Trim() : null;

    /// <summary>Every problem with these options (including missing files), empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!Directory.Exists(Index)) errors.Add($"index directory '{Index}' does not exist");
        var modes = (Ids.Count > 0 ? 1 : 0) + (IdsFile is null ? 0 : 1) + (Keyword is null ? 0 : 1);
        if (modes != 1) errors.Add("give exactly one of --id, --ids-file or --keyword");
        if (IdsFile is not null && !File.Exists(IdsFile)) errors.Add($"ids file '{IdsFile}' does not exist");
        if (Keyword is not null && (string.IsNullOrEmpty(KeywordField) || string.IsNullOrEmpty(KeywordValue)))
            errors.Add($"--keyword needs field=value, got '{Keyword}'");
        if (Ids.Any(string.IsNullOrWhiteSpace)) errors.Add("--id needs a non-empty id");
        return errors;
    }
}
