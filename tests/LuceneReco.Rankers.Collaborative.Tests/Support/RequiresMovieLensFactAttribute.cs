namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>A fact that needs <c>shared/datasets/ml-latest-small</c>; reported as skipped, not passed, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresMovieLensFactAttribute : FactAttribute
{
    public RequiresMovieLensFactAttribute()
    {
        if (SharedDatasets.MovieLensRatings is null)
            Skip = "shared/datasets/ml-latest-small/ratings.csv not found (looked for a 'shared/datasets' folder in the ancestors of the test binaries)";
    }
}
