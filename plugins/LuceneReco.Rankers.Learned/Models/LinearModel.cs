using System.Numerics.Tensors;
using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// <c>margin = bias + sum of weight[f] * x[f]</c> over the features present; a missing feature adds nothing. Its contribution
/// is <c>weight[f] * x[f]</c> (after the features' normalisers, which run before every model).
/// </summary>
internal sealed class LinearModel : ScoringModel
{
    private readonly double[] _weights;

    public LinearModel(string path, Objective objective, IReadOnlyList<string> featureNames, double[] weights, double bias)
        : base(path, objective, weights.Length, featureNames)
    {
        _weights = weights;
        Bias = bias;
    }

    public double Bias { get; }

    public ReadOnlySpan<double> Weights => _weights;

    public override void Score(FeatureMatrix rows, Span<double> margins)
    {
        CheckShape(rows, margins, rows.Rows);
        Span<double> present = _weights.Length <= 256 ? stackalloc double[_weights.Length] : new double[_weights.Length];
        for (int r = 0; r < rows.Rows; r++)
        {
            Span<double> x = rows.Row(r);
            bool anyMissing = false;
            for (int f = 0; f < x.Length; f++) anyMissing |= double.IsNaN(x[f]);
            if (!anyMissing)
            {
                margins[r] = Bias + TensorPrimitives.Dot<double>(_weights, x);
                continue;
            }
            for (int f = 0; f < x.Length; f++) present[f] = double.IsNaN(x[f]) ? 0 : x[f];
            margins[r] = Bias + TensorPrimitives.Dot<double>(_weights, present);
        }
    }

    public override double Contributions(FeatureMatrix rows, int row, Span<double> contributions)
    {
        CheckShape(rows, contributions, FeatureCount);
        Span<double> x = rows.Row(row);
        for (int f = 0; f < x.Length; f++) contributions[f] = double.IsNaN(x[f]) ? 0 : _weights[f] * x[f];
        return Bias;
    }
}
