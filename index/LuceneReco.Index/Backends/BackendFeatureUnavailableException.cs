namespace LuceneReco.Index.Backends;

/// <summary>A feature or option this backend does not have (see <see cref="IRecallIndex.Unavailable"/>); the message says which and why.</summary>
public sealed class BackendFeatureUnavailableException : NotSupportedException
{
    /// <summary>Creates the exception naming the backend, the feature and why it is missing.</summary>
    public BackendFeatureUnavailableException(string backend, string feature, string why)
        : base($"{feature} is not available on the {backend} backend: {why}")
    {
        Backend = backend;
        Feature = feature;
    }

    /// <summary>The backend ("lucenenet").</summary>
    public string Backend { get; }

    /// <summary>The missing feature.</summary>
    public string Feature { get; }
}
