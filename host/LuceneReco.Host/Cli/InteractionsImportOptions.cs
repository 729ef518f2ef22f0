using LuceneReco.Host.Interactions;

namespace LuceneReco.Host.Cli;

/// <summary>What <c>interactions import</c> does.</summary>
internal sealed record InteractionsImportOptions
{
    /// <summary>The store file, created when missing (required).</summary>
    public required string Store { get; init; }

    /// <summary>The interactions file (required).</summary>
    public required string File { get; init; }

    /// <summary><c>tsv</c>, <c>movielens</c> or <c>jsonl</c>. <value>The default is <c>null</c>: told by the extension, else by the first line.</value></summary>
    public string? Format { get; init; }

    /// <summary>The kind of events whose line names none. <value>The default is <c>null</c>: <c>rating</c> for MovieLens, <c>view</c> otherwise.</value></summary>
    public string? Kind { get; init; }

    /// <summary>Skip (and report) bad lines instead of importing nothing. <value>The default is <c>false</c>.</value></summary>
    public bool SkipBad { get; init; }

    /// <summary>Print progress to stderr every few seconds. <value>The default is <c>false</c> (progress only when stderr is a terminal).</value></summary>
    public bool Progress { get; init; }

    /// <summary>The parsed <see cref="Format"/>, or null to detect it.</summary>
    public InteractionFileFormat? ParsedFormat => Format is { } f ? InteractionFileReader.ParseFormat(f) : null;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (StoreOption.Check(Store) is { } store) errors.Add(store);
        if (string.IsNullOrWhiteSpace(File)) errors.Add("--file must not be empty");
        else if (!System.IO.File.Exists(File)) errors.Add($"interactions file '{File}' does not exist");
        if (Format is { } f && InteractionFileReader.ParseFormat(f) is null) errors.Add($"--format must be tsv, movielens or jsonl, got '{f}'");
        if (Kind is { } k && string.IsNullOrWhiteSpace(k)) errors.Add("--kind must not be empty");
        return errors;
    }
}
