namespace LuceneReco.Plugins;

/// <summary>What <see cref="IEmbeddingProvider.Embed"/> returns.</summary>
/// <param name="Vectors">One vector per text, in the order given.</param>
/// <param name="Truncated">How many of the texts were longer than <see cref="IEmbeddingProvider.MaxTokens"/> and were cut.</param>
public sealed record EmbeddingBatch(IReadOnlyList<float[]> Vectors, int Truncated);
