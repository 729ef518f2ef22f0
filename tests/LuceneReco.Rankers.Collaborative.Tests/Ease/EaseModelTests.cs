using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Ease;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Ease;

/// <summary>EASE against a direct dense solve in double (Gauss-Jordan with pivoting), below and above the inverse's block size.</summary>
public sealed class EaseModelTests
{
    [Theory]
    [InlineData(40, 10, 3.0)]
    [InlineData(60, 150, 10.0)] // more than two blocks of 64 rows
    public void Train_RandomMatrix_EqualsDirectDenseSolve(int users, int items, double lambda)
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        var events = new List<Interaction>();
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
                if (random.NextDouble() < 0.3) events.Add(E("u" + u, "i" + i, 1 + random.Next(5)));
        InteractionMatrix matrix = InteractionMatrix.Build(events);
        EaseModel model = EaseModel.Train(matrix, new EaseOptions { Lambda = lambda });

        double[,] expected = DirectEase(matrix, lambda);
        int n = matrix.Items.Count;
        double scale = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) scale = Math.Max(scale, Math.Abs(expected[i, j]));
        for (int i = 0; i < n; i++)
        {
            int mi = model.Items.IndexOf(matrix.Items[i]);
            for (int j = 0; j < n; j++)
            {
                int mj = model.Items.IndexOf(matrix.Items[j]);
                double got = model.Weight(mi, mj);
                Assert.True(Math.Abs(got - expected[i, j]) <= 2e-4 * scale,
                    $"B[{matrix.Items[i]}, {matrix.Items[j]}] = {got}, direct solve {expected[i, j]} (scale {scale}); {TestSeed.Describe(seed)}");
            }
        }
    }

    [Fact]
    public void Recommend_IsTheWeightedSumOfHistoryRows_WithoutSeenItems()
    {
        EaseModel model = Small();
        var history = new List<WeightedItem> { new("a", 1), new("b", 2) };

        List<ScoredItem> top = model.Recommend(history, 10);

        Assert.DoesNotContain(top, s => s.ItemId is "a" or "b");
        Assert.Equal(model.Items.Count - 2, top.Count);
        foreach (ScoredItem s in top)
        {
            int j = model.Items.IndexOf(s.ItemId);
            double expected = model.Weight(model.Items.IndexOf("a"), j) + 2.0 * model.Weight(model.Items.IndexOf("b"), j);
            Assert.Equal(expected, s.Score, 5);
        }
        for (int t = 1; t < top.Count; t++) Assert.True(top[t - 1].Score >= top[t].Score);
    }

    [Fact]
    public void Score_NamesTheHistoryItemsThatAddMost_AndMarksUnknownItems()
    {
        EaseModel model = Small();
        var history = new List<WeightedItem> { new("a", 1), new("c", 1) };

        ExplainedScore[] scores = model.Score(history, ["b", "zz"], explainTop: 2);

        Assert.True(scores[0].Known);
        Assert.False(scores[1].Known);
        double total = model.Weight(model.Items.IndexOf("a"), model.Items.IndexOf("b")) + model.Weight(model.Items.IndexOf("c"), model.Items.IndexOf("b"));
        Assert.Equal(total, scores[0].Score, 5);
        Assert.NotEmpty(scores[0].Contributions);
        Assert.All(scores[0].Contributions, p => Assert.Contains(p.ItemId, new[] { "a", "c" }));
        for (int t = 1; t < scores[0].Contributions.Count; t++) Assert.True(scores[0].Contributions[t - 1].Score >= scores[0].Contributions[t].Score);
    }

    [Fact]
    public void Train_MoreItemsThanTheLimit_RefusesNamingTheSetting()
    {
        var events = new List<Interaction>();
        for (int i = 0; i <= EaseOptions.MaxItemCount; i++) events.Add(E("u" + (i % 50), "i" + i));
        InteractionMatrix matrix = InteractionMatrix.Build(events);

        var e = Assert.Throws<NotSupportedException>(() => EaseModel.Train(matrix));

        Assert.Contains("20,000", e.Message);
        Assert.Contains("ease.max-items", e.Message);
    }

    [Fact]
    public void Train_MaxItems_KeepsTheItemsWithMostUsers()
    {
        var events = new List<Interaction>
        {
            E("u1", "rare"), E("u1", "hit"), E("u2", "hit"), E("u3", "hit"), E("u2", "mid"), E("u3", "mid"),
        };
        EaseModel model = EaseModel.Train(InteractionMatrix.Build(events), new EaseOptions { Lambda = 1, MaxItems = 2 });

        Assert.Equal(["hit", "mid"], model.Items.Ids.Order(StringComparer.Ordinal));
    }

    private static EaseModel Small() => EaseModel.Train(InteractionMatrix.Build(
        [
            E("u1", "a"), E("u1", "b"), E("u2", "a"), E("u2", "b"), E("u2", "c"),
            E("u3", "b"), E("u3", "c"), E("u3", "d"), E("u4", "c"), E("u4", "d"), E("u5", "a"), E("u5", "d"),
        ]), new EaseOptions { Lambda = 0.5 });

    /// <summary>P = (X^T X + lambda I)^-1 by Gauss-Jordan elimination with partial pivoting in double; B_ij = -P_ij / P_jj, B_jj = 0.</summary>
    private static double[,] DirectEase(InteractionMatrix matrix, double lambda)
    {
        int n = matrix.Items.Count;
        var g = new double[n, 2 * n];
        for (int u = 0; u < matrix.Users.Count; u++)
        {
            ReadOnlySpan<int> row = matrix.UserItems(u);
            ReadOnlySpan<float> values = matrix.UserValues(u);
            for (int a = 0; a < row.Length; a++)
                for (int b = 0; b < row.Length; b++) g[row[a], row[b]] += (double)values[a] * values[b];
        }
        for (int i = 0; i < n; i++) { g[i, i] += lambda; g[i, n + i] = 1; }
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(g[r, col]) > Math.Abs(g[pivot, col])) pivot = r;
            for (int c = 0; c < 2 * n; c++) (g[col, c], g[pivot, c]) = (g[pivot, c], g[col, c]);
            double d = g[col, col];
            for (int c = 0; c < 2 * n; c++) g[col, c] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == col || g[r, col] == 0) continue;
                double f = g[r, col];
                for (int c = 0; c < 2 * n; c++) g[r, c] -= f * g[col, c];
            }
        }
        var b2 = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) b2[i, j] = i == j ? 0 : -g[i, n + j] / g[j, n + j];
        return b2;
    }
}
