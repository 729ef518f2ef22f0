using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// A loaded model: scores rows of features to margins and splits a row's margin into per-feature contributions plus a bias,
/// with <c>bias + sum(contributions) = margin</c>. Immutable and thread-safe once loaded.
/// </summary>
internal abstract class ScoringModel : IDisposable
{
    protected ScoringModel(string path, Objective objective, int featureCount, IReadOnlyList<string>? featureNames)
    {
        Path = path;
        Objective = objective;
        FeatureCount = featureCount;
        FeatureNames = featureNames;
    }

    /// <summary>The file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>The training objective.</summary>
    public Objective Objective { get; }

    /// <summary>How many features a row has (in model order).</summary>
    public int FeatureCount { get; }

    /// <summary>The feature names the model file gives, in model order; null when the file names none.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>Whether <see cref="Contributions"/> splits the margin (tree and linear models); an ONNX model gives no contributions.</summary>
    public virtual bool HasContributions => true;

    /// <summary>Writes the margin of every row of <paramref name="rows"/> to <paramref name="margins"/>. Missing values are NaN.</summary>
    public abstract void Score(FeatureMatrix rows, Span<double> margins);

    /// <summary>Writes each feature's contribution to row <paramref name="row"/>'s margin and returns the bias (what is left).</summary>
    public abstract double Contributions(FeatureMatrix rows, int row, Span<double> contributions);

    /// <summary>Frees what the model holds outside the managed heap (an ONNX Runtime session); tree and linear models hold nothing.</summary>
    public virtual void Dispose()
    {
    }

    protected void CheckShape(FeatureMatrix rows, Span<double> output, int expected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Columns != FeatureCount)
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Columns, $"The rows must have the model's {FeatureCount} feature columns");
        if (output.Length < expected)
            throw new ArgumentOutOfRangeException(nameof(output), output.Length, $"The output must hold at least {expected} values");
    }
}
