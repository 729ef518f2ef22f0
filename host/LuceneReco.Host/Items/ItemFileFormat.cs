namespace LuceneReco.Host.Items;

/// <summary>The layout of an items file, told by its extension (before an optional <c>.gz</c>).</summary>
internal enum ItemFileFormat
{
    /// <summary>Tab-separated values with a header line whose first column is <c>id</c> (<c>.tsv</c>, <c>.tab</c>, <c>.txt</c>).</summary>
    Tsv,

    /// <summary>JSON Lines: one object per line with an <c>id</c> (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,
}
