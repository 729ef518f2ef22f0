using BERTTokenizers.Base;
using LuceneReco.Plugins;
using SentenceTransformers;

namespace LuceneReco.Embeddings.MiniLM;

/// <summary>
/// An <see cref="IEmbeddingProvider"/> over one of the SentenceTransformers ONNX encoders (weights inside the package, run by
/// ONNX Runtime in-process). Texts are cut to <see cref="EncoderOptions.MaxTokens"/> word pieces with the model's own tokenizer
/// first, so a long description costs no more than that and a batch's memory is bounded. Calls are serialised: one ONNX
/// session already uses every core it is given.
/// </summary>
internal sealed class SentenceEncoderProvider : IEmbeddingProvider
{
    private readonly ISentenceEncoder _encoder;
    private readonly TokenizerBase _tokenizer;
    private readonly object _sync = new();

    public SentenceEncoderProvider(string model, int dimension, EncoderOptions options, ISentenceEncoder encoder, TokenizerBase tokenizer)
    {
        Model = model;
        Dimension = dimension;
        MaxTokens = options.MaxTokens;
        _encoder = encoder;
        _tokenizer = tokenizer;
    }

    public string Model { get; }
    public int Dimension { get; }
    public int MaxTokens { get; }

    public bool Understands(string text) => !ScriptDetector.IsMostlyCjk(text ?? throw new ArgumentNullException(nameof(text)));

    public EmbeddingBatch Embed(IReadOnlyList<string> texts, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return new EmbeddingBatch([], 0);
        var cut = new string[texts.Count];
        int truncated = 0;
        for (int i = 0; i < cut.Length; i++)
        {
            cut[i] = Truncate(texts[i] ?? throw new ArgumentException($"text {i} is null", nameof(texts)), out bool wasCut);
            if (wasCut) truncated++;
        }
        float[][] vectors;
        lock (_sync) vectors = _encoder.Encode(cut, cancellation);
        if (vectors.Length != cut.Length) throw new InvalidOperationException($"the encoder returned {vectors.Length} vectors for {cut.Length} texts");
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Length != Dimension)
                throw new InvalidOperationException($"the encoder returned a vector of {vectors[i].Length} values; {Model} has {Dimension}");
            if (!Usable(vectors[i])) vectors[i] = Fallback(); // an empty text pools to zeros
        }
        return new EmbeddingBatch(vectors, truncated);
    }

    /// <summary>The text, or its first <see cref="MaxTokens"/> word pieces joined back into (lower-case) words when it is longer.</summary>
    internal string Truncate(string text, out bool wasCut)
    {
        wasCut = false;
        if (text.Length <= MaxTokens) return text; // every word piece has at least one character
        var tokens = _tokenizer.Tokenize(MaxTokens + 2, [text])[0]; // [CLS] + pieces (+ [SEP] when it all fit)
        if (tokens.Length < MaxTokens + 2) return text;
        wasCut = true;
        var words = new System.Text.StringBuilder(text.Length / 2);
        for (int i = 1; i <= MaxTokens && i < tokens.Length; i++)
        {
            string piece = tokens[i].Item1;
            if (piece.StartsWith("##", StringComparison.Ordinal)) words.Append(piece, 2, piece.Length - 2); // a word continues
            else (words.Length > 0 ? words.Append(' ') : words).Append(piece);
        }
        return words.ToString();
    }

    private static bool Usable(float[] v)
    {
        bool nonZero = false;
        foreach (float x in v)
        {
            if (!float.IsFinite(x)) return false;
            nonZero |= x != 0;
        }
        return nonZero;
    }

    private float[] Fallback()
    {
        var v = new float[Dimension];
        v[0] = 1; // a fixed direction: an item with no usable text is close to nothing in particular
        return v;
    }

    public void Dispose() => (_encoder as IDisposable)?.Dispose();
}
