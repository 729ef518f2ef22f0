using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Training;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Tests.Models;

/// <summary>
/// Trains small models with LightGBM itself (its C API, from the LightGBM NuGet package), saves them as text, and checks that
/// our reader and scorer give LightGBM's raw scores and LightGBM's own TreeSHAP contributions on fresh rows with missing
/// values and exact zeros, under each missing type (NaN, Zero via zero_as_missing, None via use_missing=false).
/// </summary>
public sealed class LightGbmOracleTests
{
    private const int Features = 6;

    public static TheoryData<string, string> Settings() => new()
    {
        { "lambdarank", "objective=lambdarank" },
        { "lambdarank zero as missing", "objective=lambdarank zero_as_missing=true" },
        { "lambdarank no missing", "objective=lambdarank use_missing=false" },
        { "rank_xendcg", "objective=rank_xendcg" },
        { "regression", "objective=regression" },
        { "binary", "objective=binary" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Score_TrainedByLightGbm_EqualsItsRawScores(string name, string objective)
    {
        int seed = TestSeed.Next();
        using var dir = new TempDir();
        (TreeEnsemble model, LightGbm.Booster booster, double[] eval, int rows) = Train(dir, objective, seed);
        using (booster)
        {
            double[] expected = booster.Predict(eval, rows, Features, LightGbm.PredictRawScore);
            using FeatureMatrix matrix = Matrix(eval, rows);
            var margins = new double[rows];
            model.Score(matrix, margins);
            for (int r = 0; r < rows; r++)
                Assert.True(Math.Abs(margins[r] - expected[r]) <= 1e-9 * Math.Max(1, Math.Abs(expected[r])),
                    $"{name}, {TestSeed.Describe(seed)}, row {r}: ours {margins[r]:R}, LightGBM {expected[r]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Contributions_TrainedByLightGbm_EqualItsPredictContrib(string name, string objective)
    {
        int seed = TestSeed.Next();
        using var dir = new TempDir();
        (TreeEnsemble model, LightGbm.Booster booster, double[] eval, int rows) = Train(dir, objective, seed);
        using (booster)
        {
            double[] expected = booster.Predict(eval, rows, Features, LightGbm.PredictContrib);
            using FeatureMatrix matrix = Matrix(eval, rows);
            var phi = new double[Features];
            for (int r = 0; r < rows; r++)
            {
                double bias = model.Contributions(matrix, r, phi);
                for (int f = 0; f < Features; f++)
                    Assert.True(Math.Abs(phi[f] - expected[r * (Features + 1) + f]) <= 1e-6,
                        $"{name}, {TestSeed.Describe(seed)}, row {r} feature {f}: ours {phi[f]:R}, LightGBM {expected[r * (Features + 1) + f]:R}");
                Assert.True(Math.Abs(bias - expected[r * (Features + 1) + Features]) <= 1e-6,
                    $"{name}, {TestSeed.Describe(seed)}, row {r} bias: ours {bias:R}, LightGBM {expected[r * (Features + 1) + Features]:R}");
            }
        }
    }

    [Fact]
    public void Read_ZeroAsMissingModel_HasNodesThatTreatZeroAsMissing()
    {
        using var dir = new TempDir();
        (TreeEnsemble model, LightGbm.Booster booster, _, _) = Train(dir, "objective=lambdarank zero_as_missing=true", seed: 7);
        booster.Dispose();
        bool any = false;
        foreach (TreeNode node in model.Nodes) any |= (node.Flags & TreeNode.ZeroIsMissing) != 0;
        Assert.True(any, "the zero_as_missing model should have splits with missing type Zero");
    }

    private static (TreeEnsemble Model, LightGbm.Booster Booster, double[] Eval, int Rows) Train(TempDir dir, string objective, int seed)
    {
        var rng = new Random(seed);
        const int rows = 600, evalRows = 150;
        double[] data = Synthetic(rng, rows, out float[] labels, objective.Contains("binary", StringComparison.Ordinal),
            objective.Contains("regression", StringComparison.Ordinal));
        int[]? groups = objective.Contains("rank", StringComparison.Ordinal) ? Enumerable.Repeat(20, rows / 20).ToArray() : null;
        string parameters = $"{objective} num_leaves=15 min_data_in_leaf=5 learning_rate=0.2 verbose=-1 num_threads=1 seed=3 deterministic=true";
        const int iterations = 30;
        using var dataset = LightGbm.Dataset.Create(data, rows, Features, labels, groups, weights: null, parameters, reference: null);
        var booster = new LightGbm.Booster(dataset, validation: null, parameters);
        for (int k = 0; k < iterations; k++)
            if (!booster.Update()) break;
        string path = dir.Sub("model.txt");
        booster.Save(path, iterations);
        double[] eval = Synthetic(rng, evalRows, out _, false, false);
        for (int f = 0; f < Features; f++) eval[f] = double.NaN; // row 0: everything missing
        for (int f = 0; f < Features; f++) eval[Features + f] = 0; // row 1: everything zero
        return (LightGbmTextReader.Read(path), booster, eval, evalRows);
    }

    /// <summary>Rows with a planted signal, about 15% missing cells and 10% exact zeros.</summary>
    private static double[] Synthetic(Random rng, int rows, out float[] labels, bool binary, bool real)
    {
        var data = new double[rows * Features];
        labels = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < Features; f++) data[r * Features + f] = Math.Round(rng.NextDouble() * 4 - 2, 2);
            double signal = 1.5 * data[r * Features] - data[r * Features + 1] + data[r * Features + 2] * data[r * Features + 3] + 0.3 * rng.NextDouble();
            labels[r] = real ? (float)signal : binary ? (signal > 0.5 ? 1 : 0) : (float)Math.Clamp(Math.Floor(signal + 2), 0, 4);
            for (int f = 0; f < Features; f++)
            {
                double u = rng.NextDouble();
                if (u < 0.15) data[r * Features + f] = double.NaN;
                else if (u < 0.25) data[r * Features + f] = 0;
            }
        }
        return data;
    }

    private static FeatureMatrix Matrix(double[] data, int rows)
    {
        var m = new FeatureMatrix(rows, Features);
        for (int r = 0; r < rows; r++) data.AsSpan(r * Features, Features).CopyTo(m.Row(r));
        return m;
    }
}
