namespace LuceneReco.Rankers.Learned.Models;

/// <summary>Loads a model file of a given format; every problem is a <see cref="ModelFormatException"/> naming the file.</summary>
internal static class ModelLoader
{
    public static ScoringModel Load(string path, ModelFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        return format switch
        {
            ModelFormat.XgboostJson => XgboostJsonReader.Read(path),
            ModelFormat.LightGbm => LightGbmTextReader.Read(path),
            ModelFormat.Linear => LinearModelReader.Read(path),
            ModelFormat.Onnx => OnnxModel.Read(path),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The format must be XgboostJson, LightGbm, Linear or Onnx"),
        };
    }
}
