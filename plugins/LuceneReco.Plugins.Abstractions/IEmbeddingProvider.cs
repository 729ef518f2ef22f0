namespace LuceneReco.Plugins;

/// <summary>
/// An encoder of text into dense vectors, made by an <see cref="IEmbeddingProviderPlugin"/>. Thread-safe: serving encodes the
/// queries of concurrent requests with one provider. Dispose releases the model.
/// </summary>
public interface IEmbeddingProvider : IDisposable
{
    /// <summary>The model's name, as <see cref="IEmbeddingProviderPlugin.EmbeddingModel"/> says.</summary>
    string Model { get; }

    /// <summary>The length of every vector <see cref="Embed"/> returns.</summary>
    int Dimension { get; }

    /// <summary>Texts longer than this many tokens are cut to it before encoding.</summary>
    int MaxTokens { get; }

    /// <summary>
    /// Whether the model understands <paramref name="text"/>'s language (an English-only model says false for Chinese,
    /// Japanese or Korean text, which the host then leaves to its lexical recall).
    /// </summary>
    bool Understands(string text);

    /// <summary>
    /// The vectors of <paramref name="texts"/>, in order, each of <see cref="Dimension"/> finite values, not all zero. Callers pass
    /// small batches (16 or so): memory grows with batch size times the longest text.
    /// </summary>
    EmbeddingBatch Embed(IReadOnlyList<string> texts, CancellationToken cancellation);
}
