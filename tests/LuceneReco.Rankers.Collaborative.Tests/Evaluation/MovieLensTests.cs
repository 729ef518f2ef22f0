using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Host.Offline.Evaluation;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using LuceneReco.Rankers.Collaborative.Training;
using Xunit.Abstractions;

namespace LuceneReco.Rankers.Collaborative.Tests.Evaluation;

/// <summary>
/// Real data: MovieLens latest-small (610 users, 9,724 films, 100,836 ratings; Harper &amp; Konstan 2015), each user's
/// newest 20% of ratings held out. Both models are trained through <see cref="Trainer"/>, read back from their files,
/// and must beat recommending the most popular films.
/// </summary>
public sealed class MovieLensTests(ITestOutputHelper output)
{
    [RequiresMovieLensFact]
    public void NewestFifthPerUser_ItemKnnAndAls_BeatPopularityOnNdcgAt10()
    {
        List<Interaction> events = MovieLens.ReadRatings(SharedDatasets.MovieLensRatings!);
        Split split = InteractionSplit.NewestPerUser(events, 0.2);
        using var dir = new TempDir();
        var matrixOptions = new InteractionMatrixOptions(); // ratings as strengths
        TrainingReport report = Trainer.Train(split.Train, new TrainerOptions
        {
            OutputDirectory = dir.Path,
            Matrix = matrixOptions,
            ItemKnn = new ItemKnnOptions { Neighbours = 50, Shrink = 10 },
            Als = new ImplicitAlsOptions { Factors = 32, Alpha = 2, Regularization = 30, Iterations = 15, CgSteps = 3, Seed = 42 },
        });
        ItemKnnModel knn = ModelFiles.LoadItemKnn(report.ItemKnnPath!).Model;
        ImplicitAlsModel als = ModelFiles.LoadAls(report.AlsPath!).Model;

        var popular = new PopularityRecommender(split.Train);
        EvaluationReport pop = OfflineEvaluator.Evaluate(split, (_, history, k) => popular.Recommend(Seen(history), k));
        EvaluationReport itemKnn = OfflineEvaluator.Evaluate(split, (_, history, k) => Ids(knn.Recommend(Preferences.FromEvents(history, matrixOptions), k)));
        EvaluationReport alsFolded = OfflineEvaluator.Evaluate(split, (_, history, k) => Ids(als.Recommend(Preferences.FromEvents(history, matrixOptions), k)));

        output.WriteLine($"train {split.Train.Count} ratings, test {split.Test.Count}; matrix {report.Users} users x {report.Items} items");
        output.WriteLine($"item-kNN trained in {report.ItemKnnSeconds:0.00} s; ALS {report.AlsSeconds:0.00} s = {report.AlsSecondsPerIteration:0.000} s per iteration (32 factors, 3 CG steps, {Environment.ProcessorCount} cores)");
        output.WriteLine("              NDCG@10  Recall@10  MRR@10  coverage  novelty");
        foreach ((string name, EvaluationReport r) in new[] { ("popularity", pop), ("item-kNN", itemKnn), ("ALS fold-in", alsFolded) })
            output.WriteLine($"{name,-12} {r.Ndcg,8:0.0000} {r.Recall,10:0.0000} {r.Mrr,7:0.0000} {r.Coverage,9:0.0000} {r.Novelty,8:0.00}   ({r.Users} users)");

        Assert.Equal(610, pop.Users);
        Assert.True(itemKnn.Ndcg > 1.2 * pop.Ndcg, $"item-kNN NDCG@10 {itemKnn.Ndcg:0.0000} should beat popularity {pop.Ndcg:0.0000} by 20%");
        Assert.True(alsFolded.Ndcg > 1.2 * pop.Ndcg, $"ALS NDCG@10 {alsFolded.Ndcg:0.0000} should beat popularity {pop.Ndcg:0.0000} by 20%");
        Assert.True(itemKnn.Coverage > pop.Coverage && alsFolded.Coverage > pop.Coverage, "personal lists cover more of the catalogue");
    }

    private static HashSet<string> Seen(IReadOnlyList<Interaction> history) => history.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);

    private static List<string> Ids(List<ScoredItem> items) => items.ConvertAll(s => s.ItemId);
}
