using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Experiments;

/// <summary>The configuration-wide checks of <see cref="ServingConfig.Experiments"/>.</summary>
internal static class ExperimentChecks
{
    /// <summary>Adds every problem of <paramref name="config"/>'s experiments to <paramref name="errors"/>.</summary>
    public static void Validate(ServingConfig config, List<string> errors)
    {
        var controls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, experiment) in config.Experiments)
        {
            string where = $"experiments.{name}";
            if (string.IsNullOrWhiteSpace(name)) errors.Add("experiments: an experiment name is blank");
            experiment.Validate(where, config, errors);
            if (experiment.Control.Length == 0) continue;
            if (controls.TryGetValue(experiment.Control, out var other))
                errors.Add($"{where}: pipeline '{experiment.Control}' is already the control of experiment '{other}'; a pipeline takes part in one experiment at a time");
            else controls[experiment.Control] = name;
        }
    }

    /// <summary>The experiment whose control is <paramref name="pipeline"/>, or null.</summary>
    public static (string Name, ExperimentSettings Settings)? ForControl(ServingConfig config, string pipeline)
    {
        foreach (var (name, experiment) in config.Experiments)
            if (string.Equals(experiment.Control, pipeline, StringComparison.Ordinal)) return (name, experiment);
        return null;
    }
}
