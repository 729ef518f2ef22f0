namespace LuceneReco.Host.Interactions;

/// <summary>The layouts of an interactions file (each optionally gzip-compressed).</summary>
internal enum InteractionFileFormat
{
    /// <summary><c>user TAB item [TAB weight [TAB timestamp]]</c>, no header (<c>.tsv</c>, <c>.txt</c>, <c>.dat</c>).</summary>
    Tsv,

    /// <summary>MovieLens <c>ratings.csv</c>: header <c>userId,movieId,rating,timestamp</c> (<c>.csv</c>).</summary>
    MovieLens,

    /// <summary>JSON Lines: <c>{"userId", "itemId", "kind"?, "weight"?, "timestamp"?}</c> (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,
}
