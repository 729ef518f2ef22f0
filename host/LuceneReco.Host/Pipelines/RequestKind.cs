namespace LuceneReco.Host.Pipelines;

/// <summary>What a pipeline request is for; it decides which filters apply.</summary>
internal enum RequestKind
{
    /// <summary>Keyword search: query text required; items the user has seen are kept.</summary>
    Search,

    /// <summary>Items like one item: the item id is required.</summary>
    Similar,

    /// <summary>Recommendations for a user: items the user already interacted with are left out.</summary>
    Recommend,
}
