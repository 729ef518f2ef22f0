using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Tests.Models;

/// <summary>A small LightGBM text model written by hand, its values checked by hand: thresholds, default-left bits and missing types.</summary>
public sealed class LightGbmTextReaderTests
{
    /// <summary>
    /// Tree 0: node 0 is a &lt;= 0.5 (missing type NaN, default left) to node 1, else leaf 1 (0.2); node 1 is b &lt;= 0 (missing
    /// type Zero, default right) to leaf 0 (0.1), else leaf 2 (0.3). Tree 1: one leaf, 0.05. Tree 2: c &lt;= -0.5 (missing type
    /// None, default-left bit set, which None ignores: missing is read as 0) to leaf 0 (-1), else leaf 1 (1).
    /// </summary>
    public const string Text = """
        tree
        version=v4
        num_class=1
        num_tree_per_iteration=1
        label_index=0
        max_feature_idx=2
        objective=lambdarank
        feature_names=a b c
        feature_infos=[-1:1] [-1:1] [-1:1]
        tree_sizes=300 200 250

        Tree=0
        num_leaves=3
        num_cat=0
        split_feature=0 1
        split_gain=1 1
        threshold=0.5 0
        decision_type=10 4
        left_child=1 -1
        right_child=-2 -3
        leaf_value=0.1 0.2 0.29999999999999999
        leaf_weight=5 3 2
        leaf_count=5 3 2
        internal_value=0 0
        internal_weight=10 7
        internal_count=10 7
        is_linear=0
        shrinkage=1


        Tree=1
        num_leaves=1
        num_cat=0
        split_feature=
        split_gain=
        threshold=
        decision_type=
        left_child=
        right_child=
        leaf_value=0.050000000000000003
        leaf_weight=
        leaf_count=
        internal_value=
        internal_weight=
        internal_count=
        is_linear=0
        shrinkage=1


        Tree=2
        num_leaves=2
        num_cat=0
        split_feature=2
        split_gain=1
        threshold=-0.5
        decision_type=2
        left_child=-1
        right_child=-2
        leaf_value=-1 1
        leaf_weight=4 6
        leaf_count=4 6
        internal_value=0
        internal_weight=10
        internal_count=10
        is_linear=0
        shrinkage=1


        end of trees

        feature_importances:
        a=1

        parameters:
        [objective: lambdarank]
        end of parameters

        pandas_categorical:null
        """;

    [Theory]
    [InlineData(double.NaN, 0.0, double.NaN, 1.35)]      // a missing: default left; b = 0 is missing under type Zero: right; c missing reads 0: right
    [InlineData(0.5, -1.0, -0.5, -0.85)]                 // on a threshold goes left (<=)
    [InlineData(0.7, -1.0, 0.0, 1.25)]                   // a above: leaf 1
    [InlineData(double.NaN, 1e-36, -0.6, -0.65)]         // within 1e-35 of zero counts as zero
    [InlineData(double.NaN, double.NaN, -1.0, -0.65)]    // NaN under type Zero is read as 0, so missing: right
    [InlineData(0.50000000000000011, -1.0, 5.0, 1.25)]   // the next double above the threshold goes right
    public void Score_HandWrittenModel_FollowsThresholdsAndMissingTypes(double a, double b, double c, double expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Sub("m.txt"), Text);
        ScoringModel model = LightGbmTextReader.Read(dir.Sub("m.txt"));
        using var rows = new FeatureMatrix(1, 3);
        rows[0, 0] = a;
        rows[0, 1] = b;
        rows[0, 2] = c;
        var margins = new double[1];
        model.Score(rows, margins);
        Assert.Equal(expected, margins[0], 12);
    }

    [Fact]
    public void Read_HandWrittenModel_NamesFeaturesAndObjective()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Sub("m.txt"), Text);
        var model = (TreeEnsemble)LightGbmTextReader.Read(dir.Sub("m.txt"));
        Assert.Equal(["a", "b", "c"], model.FeatureNames);
        Assert.Equal(Objective.LambdaRank, model.Objective);
        Assert.Equal(3, model.TreeCount);
    }

    [Fact]
    public void Read_PlaceholderFeatureNames_CountAsUnnamed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Sub("m.txt"), Text.Replace("feature_names=a b c", "feature_names=Column_0 Column_1 Column_2"));
        Assert.Null(LightGbmTextReader.Read(dir.Sub("m.txt")).FeatureNames);
    }

    [Fact]
    public void Contributions_HandWrittenModel_SumToTheMarginAndCreditTheSplitFeatures()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Sub("m.txt"), Text);
        ScoringModel model = LightGbmTextReader.Read(dir.Sub("m.txt"));
        using var rows = new FeatureMatrix(1, 3);
        rows[0, 0] = 0.7;
        rows[0, 1] = -1;
        rows[0, 2] = 0;
        var phi = new double[3];
        double bias = model.Contributions(rows, 0, phi);
        Assert.Equal(1.25, bias + phi[0] + phi[1] + phi[2], 12);
        // tree 2 alone: c went right (1) against an expected 0.4 * -1 + 0.6 * 1 = 0.2, so c gets 0.8
        Assert.Equal(0.8, phi[2], 12);
        // tree 0 by hand, with E[f | known features] averaging the unknown ones by cover:
        // f() = 0.7 * (5/7 * 0.1 + 2/7 * 0.3) + 0.3 * 0.2 = 0.17, f(a) = f(a, b) = 0.2, f(b) = 0.7 * 0.1 + 0.3 * 0.2 = 0.13;
        // Shapley: a = ((0.2 - 0.17) + (0.2 - 0.13)) / 2 = 0.05, b = ((0.13 - 0.17) + (0.2 - 0.2)) / 2 = -0.02
        Assert.Equal(0.05, phi[0], 12);
        Assert.Equal(-0.02, phi[1], 12);
        Assert.Equal(0.17 + 0.05 + 0.2, bias, 12);
    }
}
