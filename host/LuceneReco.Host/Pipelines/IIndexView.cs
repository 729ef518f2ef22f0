using LuceneReco.Index.Backends;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The index as requests see it, whichever backend keeps it: each request acquires the newest point-in-time view, uses it
/// throughout (recall, stages, explanations, the response's stored fields) and disposes it when the response is written.
/// </summary>
internal interface IIndexView
{
    /// <summary>The backend's name: "native" or "lucenenet".</summary>
    string Backend => "native";

    /// <summary>What this backend lacks that the native index offers (feature to why); empty on the native index.</summary>
    IReadOnlyDictionary<string, string> Unavailable => NoneUnavailable;

    /// <summary>The newest view, held until disposed (on the native index disposing releases nothing; on Lucene.Net it releases the reader).</summary>
    IRecallView Acquire();

    private static readonly IReadOnlyDictionary<string, string> NoneUnavailable = new Dictionary<string, string>();
}
