using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Checks a parsed configuration against the plugins loaded now: a stage or recall step whose plugin refuses its options is
/// an error (the configuration is refused, the previous one keeps serving); a step naming a plugin that is not loaded is a
/// warning (it may be installed later; until then requests skip it and say so), and so is a built-in source that needs what the
/// index's backend lacks (dense vectors on Lucene.Net: the source finds nothing there).
/// </summary>
internal static class ConfigCheck
{
    /// <summary>The errors and warnings of <paramref name="config"/> with <paramref name="catalog"/>'s plugins.</summary>
    public static (List<string> Errors, List<string> Warnings) Run(ServingConfig config, IRankerCatalog catalog) => Run(config, catalog, null);

    /// <summary>
    /// <see cref="Run(ServingConfig, IRankerCatalog)"/>, and a warning for each built-in source needing what <paramref name="index"/>'s
    /// backend lacks (<see cref="IIndexView.Unavailable"/>).
    /// </summary>
    public static (List<string> Errors, List<string> Warnings) Run(ServingConfig config, IRankerCatalog catalog, IIndexView? index)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        using var rankers = catalog.Snapshot();
        foreach (var (name, pipeline) in config.Pipelines)
        {
            for (int i = 0; i < pipeline.Stages.Count; i++)
            {
                var step = pipeline.Stages[i];
                string where = $"pipelines.{name}.stages[{i}] ({step.StageName})";
                if (rankers.Find(step.Ranker) is not { } handle)
                    warnings.Add($"{where}: no plugin named '{step.Ranker}' is loaded; requests skip the stage until one is");
                else if (handle.Plugin is IOptionsValidatingPlugin checking)
                    foreach (string problem in Checked(() => checking.CheckOptions(step.Options))) errors.Add($"{where}: {problem}");
            }
            foreach (var (steps, part) in new[] { (pipeline.Recall, "recall"), (pipeline.Fallback, "fallback") })
                for (int i = 0; i < steps.Count; i++)
                {
                    var step = steps[i];
                    string where = $"pipelines.{name}.{part}[{i}]";
                    if (step.IsBuiltIn)
                    {
                        if (index is not null && RecallSources.Needs(step.Source) is { } feature && index.Unavailable.TryGetValue(feature, out var why))
                            warnings.Add($"{where} ({step.Source}): the index's backend ({index.Backend}) has no {feature} ({why}), so this source finds nothing on it");
                        continue;
                    }
                    if (rankers.Find(step.Source) is not { } handle)
                        warnings.Add($"{where}: no plugin named '{step.Source}' is loaded; requests skip the source until one is");
                    else if (handle.Plugin is ICandidateSourcePlugin source)
                        foreach (string problem in Checked(() => source.CheckSourceOptions(step.Options))) errors.Add($"{where}: {problem}");
                }
        }
        return (errors, warnings);
    }

    /// <summary>A plugin's answer to an options check; its own fault is a problem, never the host's.</summary>
    private static IReadOnlyList<string> Checked(Func<IReadOnlyList<string>> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OutOfMemoryException) // a plugin's own fault must not stop the host
        {
            return [$"the plugin failed checking its options: {e.GetType().Name}: {e.Message}"];
        }
    }
}
