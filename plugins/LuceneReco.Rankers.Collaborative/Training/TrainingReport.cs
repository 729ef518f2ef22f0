namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>What a training run produced.</summary>
/// <param name="Users">Users in the matrix.</param>
/// <param name="Items">Items in the matrix.</param>
/// <param name="Events">Events read.</param>
/// <param name="NonZeros">(user, item) preferences.</param>
/// <param name="ItemKnnPath">The item-kNN file written, or null.</param>
/// <param name="ItemKnnSeconds">Item-kNN training time.</param>
/// <param name="AlsPath">The ALS file written, or null.</param>
/// <param name="AlsSeconds">ALS training time.</param>
/// <param name="AlsSecondsPerIteration">Mean seconds per ALS iteration (0 without ALS).</param>
/// <param name="Pruned">Old versions deleted.</param>
public sealed record TrainingReport(
    int Users,
    int Items,
    long Events,
    int NonZeros,
    string? ItemKnnPath,
    double ItemKnnSeconds,
    string? AlsPath,
    double AlsSeconds,
    double AlsSecondsPerIteration,
    IReadOnlyList<string> Pruned);
