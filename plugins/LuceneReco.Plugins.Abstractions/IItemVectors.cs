namespace LuceneReco.Plugins;

/// <summary>
/// The items' dense vectors (the index's embeddings, from <c>lucenereco embed</c>), when the host's catalogue has them. A
/// host's <see cref="IItemCatalog"/> may implement it; <see cref="FeatureContext.Vectors"/> is null when it does not. The
/// vectors are of unit length, so the dot product of two is their cosine. Copying into a caller's buffer keeps a
/// request from allocating a vector per item.
/// </summary>
public interface IItemVectors
{
    /// <summary>The length of every vector, or 0 when the index holds none.</summary>
    int VectorDimension { get; }

    /// <summary>The name of the model that made the vectors (for example "all-MiniLM-L6-v2"), or null when there are none.</summary>
    string? VectorModel { get; }

    /// <summary>
    /// Copies <paramref name="itemId"/>'s unit vector into <paramref name="destination"/> (at least
    /// <see cref="VectorDimension"/> long) and returns true, or returns false when the item is unknown or has no vector yet.
    /// </summary>
    bool TryCopyVector(string itemId, Span<float> destination);
}
