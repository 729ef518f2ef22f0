namespace LuceneReco.Index.Tests.Analysis;

/// <summary>A fact that needs the shared benchmark data (<c>shared/bench</c>); reported as skipped, not passed, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresSharedFactAttribute : FactAttribute
{
    public RequiresSharedFactAttribute()
    {
        if (SharedBench.Directory is null)
            Skip = "shared/bench not found (looked for a 'shared/bench' folder in the ancestors of the test binaries)";
    }
}
