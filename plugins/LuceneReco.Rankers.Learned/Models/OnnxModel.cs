using System.Globalization;
using LuceneReco.Rankers.Learned.Features;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// A user's own ranker as an ONNX model, scored by ONNX Runtime (<c>Microsoft.ML.OnnxRuntime</c>, the plugin's one native
/// dependency, loaded the first time such a model is read). The model takes one float input of shape
/// <c>[rows, features]</c> (the row count may be symbolic) and gives one float output of shape <c>[rows]</c> or
/// <c>[rows, 1]</c>: the score, higher first. ONNX files name no features, so the options or a features file declare them in
/// input order. A missing feature is passed as NaN (the model must treat it as it was trained to). It gives no
/// contributions per feature, so explanations say it placed the item without naming features.
/// </summary>
internal sealed class OnnxModel : ScoringModel
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    private OnnxModel(string path, InferenceSession session, string input, string output, int features)
        : base(path, Objective.Onnx, features, null)
    {
        _session = session;
        _input = input;
        _output = output;
    }

    public override bool HasContributions => false;

    /// <summary>Reads <paramref name="path"/>; anything ONNX Runtime refuses, or inputs and outputs of another shape, is a <see cref="ModelFormatException"/>.</summary>
    public static OnnxModel Read(string path)
    {
        byte[] bytes = ModelFiles.ReadAllBytes(path);
        InferenceSession session;
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            session = new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(path, null, "is not an ONNX model ONNX Runtime can load: " + e.Message, e);
        }
        try
        {
            if (session.InputMetadata.Count != 1) throw new ModelFormatException(path, "inputs", Invariant($"must be one float tensor [rows, features], the model has {session.InputMetadata.Count} inputs"));
            if (session.OutputMetadata.Count < 1) throw new ModelFormatException(path, "outputs", "the model has no output");
            var (input, inMeta) = session.InputMetadata.First();
            var (output, outMeta) = session.OutputMetadata.First();
            if (inMeta.ElementType != typeof(float) || inMeta.Dimensions.Length != 2 || inMeta.Dimensions[1] <= 0)
                throw new ModelFormatException(path, $"input {input}", $"must be a float tensor [rows, features] with a fixed feature count, got {Describe(inMeta)}");
            if (outMeta.ElementType != typeof(float) || outMeta.Dimensions.Length is < 1 or > 2 || (outMeta.Dimensions.Length == 2 && outMeta.Dimensions[1] != 1))
                throw new ModelFormatException(path, $"output {output}", $"must be a float tensor [rows] or [rows, 1], got {Describe(outMeta)}");
            return new OnnxModel(path, session, input, output, inMeta.Dimensions[1]);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public override void Score(FeatureMatrix rows, Span<double> margins)
    {
        CheckShape(rows, margins, rows.Rows);
        if (rows.Rows == 0) return;
        var input = new DenseTensor<float>([rows.Rows, FeatureCount]);
        Span<float> values = input.Buffer.Span;
        for (int r = 0; r < rows.Rows; r++)
        {
            Span<double> x = rows.Row(r);
            for (int f = 0; f < x.Length; f++) values[r * FeatureCount + f] = (float)x[f];
        }
        try
        {
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, input)], [_output]);
            var scores = results.First().AsTensor<float>();
            if (scores.Length != rows.Rows)
                throw new ModelFormatException(Path, $"output {_output}", Invariant($"gave {scores.Length} values for {rows.Rows} rows"));
            int k = 0;
            foreach (float v in scores) margins[k++] = v;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(Path, null, "failed to score: " + e.Message, e);
        }
    }

    /// <summary>Releases the ONNX Runtime session (its native memory). The served-model lease calls it once no request scores with it.</summary>
    public override void Dispose() => _session.Dispose();

    public override double Contributions(FeatureMatrix rows, int row, Span<double> contributions) =>
        throw new NotSupportedException($"The ONNX model '{Path}' gives no contributions per feature; check HasContributions first.");

    private static string Describe(NodeMetadata meta) =>
        $"{meta.ElementType.Name} [{string.Join(", ", meta.Dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
