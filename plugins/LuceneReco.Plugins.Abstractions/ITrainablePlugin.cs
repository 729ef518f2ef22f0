namespace LuceneReco.Plugins;

/// <summary>
/// A plugin that learns from interactions. <c>lucenereco train</c> (and the offline commands, before they run a pipeline)
/// call <see cref="Train"/> on every trainable plugin a pipeline uses, with all events, so the host trains what the
/// plugins need without knowing what they are. Implement it on the same class as <see cref="IRankerPlugin"/>.
/// </summary>
public interface ITrainablePlugin
{
    /// <summary>
    /// The training settings the plugin understands (for example "factors", "lambda"), with what each does and its default,
    /// so the host can list them and refuse a setting no plugin understands.
    /// </summary>
    IReadOnlyList<TrainingSetting> TrainingSettings { get; }

    /// <summary>
    /// Trains from <see cref="TrainingJob.Events"/> and writes a new version of the plugin's models into
    /// <see cref="TrainingJob.DataDirectory"/> (temp file and rename, so a serving copy picks it up whole). Throw
    /// <see cref="ArgumentException"/> for bad settings (every problem at once).
    /// </summary>
    TrainingOutcome Train(TrainingJob job, CancellationToken cancellation);
}

/// <summary>A training setting a plugin understands.</summary>
/// <param name="Name">Its name, e.g. "factors" (letters, digits, '-', '_' and '.').</param>
/// <param name="Description">One line: what it does and its default.</param>
public sealed record TrainingSetting(string Name, string Description);

/// <summary>What a plugin is asked to learn from.</summary>
/// <param name="Events">Every interaction to learn from, in no particular order.</param>
/// <param name="DataDirectory">The plugin's data folder (the same <see cref="IRankerServices.DataDirectory"/> its stages and sources get).</param>
/// <param name="Settings">Settings by name, as given (invariant-culture text); the plugin's defaults apply to the rest.</param>
/// <param name="Clock">Stamps the models.</param>
/// <param name="Progress">Told what is happening, one line at a time.</param>
public sealed record TrainingJob(
    IReadOnlyList<Interaction> Events,
    string DataDirectory,
    IReadOnlyDictionary<string, string> Settings,
    TimeProvider Clock,
    Action<string> Progress);

/// <summary>What training produced.</summary>
/// <param name="Summary">One line for people, e.g. "als: 64 factors, 15 iterations in 2.1 s (0.14 s/iteration)".</param>
/// <param name="Files">The files written (new model versions).</param>
public sealed record TrainingOutcome(string Summary, IReadOnlyList<string> Files);
