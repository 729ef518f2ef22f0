using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Host.Bench;

/// <summary>Inputs of <c>bench recall</c>.</summary>
internal sealed record RecallBenchOptions(string Items, string MltIds, string Keywords, string Out)
{
    /// <summary>Analyzer of title and body. <value>The default is "english".</value></summary>
    public string Analyzer { get; init; } = "english";

    /// <summary>MoreLikeThis settings. <value>The default is the oracle's: min term freq 1, min doc freq 2, 25 terms, classic.</value></summary>
    public MoreLikeThisOptions Mlt { get; init; } = new() { Fields = ["title", "body"], MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 25 };

    /// <summary>Where the index is built. <value>The default is a fresh temporary directory, deleted afterwards.</value></summary>
    public string? IndexDir { get; init; }

    /// <summary>Indexing RAM buffer. <value>The default is 256 MiB, as the Lucene anchor.</value></summary>
    public double RamBufferMb { get; init; } = 256;
}
