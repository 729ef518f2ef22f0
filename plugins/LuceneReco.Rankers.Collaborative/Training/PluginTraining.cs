using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>What both rankers' <see cref="ITrainablePlugin.Train"/> do: read the settings, train one model kind into the plugin's <c>models</c> folder, summarise.</summary>
internal static class PluginTraining
{
    /// <summary>The folder, inside the plugin's data folder, that training writes and the stages and sources read by default.</summary>
    public const string ModelFolder = "models";

    public static TrainingOutcome Train(TrainingJob job, string kind, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        string directory = Path.Combine(job.DataDirectory, ModelFolder);
        if (kind is Ease.EaseModel.Kind or UserKnn.UserKnnModel.Kind) return NeighbourhoodTraining.Train(job, kind, directory, cancellation);
        TrainerOptions options = TrainingSettingsReader.Read(job.Settings, kind, directory);
        Directory.CreateDirectory(directory);
        TrainingReport report = Trainer.Train(job.Events, options, job.Clock, job.Progress, cancellation);
        string path = (report.AlsPath ?? report.ItemKnnPath)!;
        var c = CultureInfo.InvariantCulture;
        string summary = report.AlsPath is not null
            ? string.Create(c, $"als: {options.Als!.Factors} factors, {report.Users:N0} users x {report.Items:N0} items in {report.AlsSeconds:0.00} s ({report.AlsSecondsPerIteration:0.000} s/iteration)")
            : string.Create(c, $"itemknn: {options.ItemKnn!.Neighbours} neighbours, {report.Items:N0} items in {report.ItemKnnSeconds:0.00} s");
        return new TrainingOutcome(summary, [path]);
    }
}
