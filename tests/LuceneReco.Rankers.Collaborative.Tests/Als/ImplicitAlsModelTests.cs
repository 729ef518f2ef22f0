using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using Xunit.Abstractions;

namespace LuceneReco.Rankers.Collaborative.Tests.Als;

public sealed class ImplicitAlsModelTests(ITestOutputHelper output)
{
    private static readonly ImplicitAlsOptions Small = new() { Factors = 8, Regularization = 0.1, Alpha = 10, Iterations = 12, Seed = 7 };

    [Fact]
    public void PlantedLowRank_HeldOutPositivesRankAboveNegatives()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var data = new PlantedData(seed);
        var matrix = InteractionMatrix.Build(data.Train);
        ImplicitAlsModel model = ImplicitAlsModel.Train(matrix, Small with { Seed = seed });

        double aucSum = 0, recallSum = 0;
        foreach ((string user, HashSet<string> heldOut) in data.HeldOut)
        {
            float[] x = model.UserFactors(user)!;
            // Held-out positives against planted negatives, among items the user has not trained on (and the model knows).
            var positiveScores = heldOut.Where(model.Items.Contains).Select(i => model.Score(x, i)!.Value).ToList();
            var negativeScores = data.ItemIds.Where(i => !data.Positives[user].Contains(i) && model.Items.Contains(i)).Select(i => model.Score(x, i)!.Value).ToList();
            double wins = 0;
            foreach (double p in positiveScores)
                foreach (double n in negativeScores) wins += p > n ? 1 : p == n ? 0.5 : 0;
            aucSum += wins / (positiveScores.Count * negativeScores.Count);
            var seen = data.Positives[user].Except(heldOut).ToHashSet();
            List<ScoredItem> top = model.Recommend(x, 10, seen);
            recallSum += top.Count(t => heldOut.Contains(t.ItemId)) / (double)heldOut.Count;
        }
        double auc = aucSum / data.HeldOut.Count, recall = recallSum / data.HeldOut.Count;
        output.WriteLine($"mean AUC {auc:0.000}, mean recall@10 {recall:0.000} over {data.HeldOut.Count} users");

        Assert.True(auc > 0.95, $"mean AUC {auc:0.000} should exceed 0.95 ({TestSeed.Describe(seed)})");
        Assert.True(recall > 0.75, $"mean recall@10 {recall:0.000} should exceed 0.75 ({TestSeed.Describe(seed)})");
    }

    [Fact]
    public void FoldIn_EqualsTheExactUserStep_ComputedFromTheFullObjective()
    {
        int seed = TestSeed.Next();
        output.WriteLine(TestSeed.Describe(seed));
        var data = new PlantedData(seed, users: 60, items: 50);
        var matrix = InteractionMatrix.Build(data.Train);
        ImplicitAlsModel model = ImplicitAlsModel.Train(matrix, Small with { Iterations = 4, Seed = seed });

        foreach (int u in new[] { 0, 17, 59 })
        {
            string user = matrix.Users[u];
            var history = new List<WeightedItem>();
            for (int k = 0; k < matrix.UserItems(u).Length; k++)
                history.Add(new WeightedItem(matrix.Items[matrix.UserItems(u)[k]], matrix.UserValues(u)[k]));

            float[] folded = model.FoldIn(history);
            double[] exact = ExactUserStep(model, history);

            for (int k = 0; k < exact.Length; k++)
                Assert.True(Math.Abs(folded[k] - exact[k]) < 1e-4, $"user {user} factor {k}: fold-in {folded[k]} vs exact {exact[k]} ({TestSeed.Describe(seed)})");
        }
    }

    [Fact]
    public void FoldIn_OfNothingKnown_IsZero()
    {
        var data = new PlantedData(1, users: 20, items: 30);
        ImplicitAlsModel model = ImplicitAlsModel.Train(InteractionMatrix.Build(data.Train), Small with { Iterations = 2 });

        Assert.All(model.FoldIn([new WeightedItem("not-an-item", 5)]), v => Assert.Equal(0f, v));
        Assert.All(model.FoldIn([]), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ConjugateGradient_WithFSteps_MatchesTheCholeskySolver()
    {
        // CG solves an f-dimensional SPD system exactly in f steps (up to rounding), so one iteration of each must agree.
        var data = new PlantedData(3, users: 40, items: 40);
        var matrix = InteractionMatrix.Build(data.Train);
        var options = Small with { Factors = 5, Iterations = 1, CgSteps = 5 };
        ImplicitAlsModel cg = ImplicitAlsModel.Train(matrix, options);
        ImplicitAlsModel exact = ImplicitAlsModel.Train(matrix, options with { Solver = AlsSolver.Cholesky });

        for (int u = 0; u < matrix.Users.Count; u++)
        {
            float[] a = cg.UserFactors(matrix.Users[u])!, b = exact.UserFactors(matrix.Users[u])!;
            for (int k = 0; k < a.Length; k++) Assert.True(Math.Abs(a[k] - b[k]) < 2e-3, $"user {u} factor {k}: CG {a[k]} vs Cholesky {b[k]}");
        }
    }

    [Fact]
    public void Training_IsIdenticalOnOneThreadAndTwo()
    {
        var data = new PlantedData(5, users: 50, items: 40);
        var matrix = InteractionMatrix.Build(data.Train);
        ImplicitAlsModel one = ImplicitAlsModel.Train(matrix, Small with { Iterations = 3, MaxDegreeOfParallelism = 1 });
        ImplicitAlsModel two = ImplicitAlsModel.Train(matrix, Small with { Iterations = 3, MaxDegreeOfParallelism = 2 });

        for (int u = 0; u < matrix.Users.Count; u++) Assert.Equal(one.UserFactors(matrix.Users[u]), two.UserFactors(matrix.Users[u]));
        for (int i = 0; i < matrix.Items.Count; i++) Assert.Equal(one.ItemFactors(matrix.Items[i]), two.ItemFactors(matrix.Items[i]));
    }

    [Fact]
    public void ScoreFoldedIn_ContributionsSumToTheScore_HuEtAlSection5()
    {
        var data = new PlantedData(11, users: 60, items: 50);
        ImplicitAlsModel model = ImplicitAlsModel.Train(InteractionMatrix.Build(data.Train), Small with { Iterations = 5 });
        var history = new List<WeightedItem> { new("i1", 1), new("i2", 2), new("i3", 1), new("i4", 0.5) };
        float[] x = model.FoldIn(history);

        ExplainedScore[] scores = model.ScoreFoldedIn(history, ["i10", "i20", "i30"], explainTop: 10);

        foreach ((ExplainedScore s, string id) in scores.Zip(new[] { "i10", "i20", "i30" }))
        {
            Assert.Equal(model.Score(x, id)!.Value, s.Score, 5);
            Assert.Equal(4, s.Contributions.Count);
            Assert.Equal(s.Score, s.Contributions.Sum(c => c.Score), 4);
            Assert.True(s.Contributions.Zip(s.Contributions.Skip(1)).All(p => p.First.Score >= p.Second.Score), "largest contribution first");
        }
    }

    [Fact]
    public void Recommend_FromHistory_ExcludesSeenAndRanksByDot()
    {
        var data = new PlantedData(2, users: 40, items: 40);
        ImplicitAlsModel model = ImplicitAlsModel.Train(InteractionMatrix.Build(data.Train), Small with { Iterations = 4 });
        var history = new List<WeightedItem> { new("i1", 1), new("i5", 1) };
        float[] x = model.FoldIn(history);

        List<ScoredItem> top = model.Recommend(history, 5);

        Assert.Equal(5, top.Count);
        Assert.DoesNotContain(top, t => t.ItemId is "i1" or "i5");
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        double best = model.Items.Ids.Where(i => i is not "i1" and not "i5").Max(i => model.Score(x, i)!.Value);
        Assert.Equal(best, top[0].Score, 5);
    }

    [Fact]
    public void Options_Validate_ReportsEveryProblem()
    {
        var bad = new ImplicitAlsOptions { Factors = 0, Regularization = -1, Alpha = double.NaN, Iterations = -1, CgSteps = 0, MaxDegreeOfParallelism = 0 };

        Assert.Equal(6, bad.Validate().Count);
        Assert.Throws<ArgumentException>(() => ImplicitAlsModel.Train(InteractionMatrix.Build(Array.Empty<Interaction>()), bad));
    }

    /// <summary>The user step from the objective as written, over every item (unobserved ones at confidence 1, preference 0), solved by Gaussian elimination.</summary>
    private static double[] ExactUserStep(ImplicitAlsModel model, List<WeightedItem> history)
    {
        int f = model.Factors;
        var a = new double[f, f];
        var b = new double[f];
        var strength = history.ToDictionary(h => h.ItemId, h => h.Weight);
        foreach (string item in model.Items.Ids)
        {
            float[] y = model.ItemFactors(item)!;
            double c = strength.TryGetValue(item, out double r) ? 1 + model.Options.Alpha * r : 1;
            double p = strength.ContainsKey(item) ? 1 : 0;
            for (int i = 0; i < f; i++)
            {
                b[i] += c * p * y[i];
                for (int j = 0; j < f; j++) a[i, j] += c * y[i] * y[j];
            }
        }
        for (int i = 0; i < f; i++) a[i, i] += model.Options.Regularization;
        return Gauss(a, b);
    }

    private static double[] Gauss(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < n; c++) a[r, c] -= factor * a[col, c];
                b[r] -= factor * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
