using System.Diagnostics;
using System.Globalization;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.UserKnn;

namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>Training of the models that <see cref="Trainer"/> does not build: EASE and user-kNN (matrix, model, new version, pruning).</summary>
internal static class NeighbourhoodTraining
{
    /// <summary>Trains <paramref name="kind"/> (<see cref="EaseModel.Kind"/> or <see cref="UserKnnModel.Kind"/>) from the job's events into <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">Bad settings.</exception>
    /// <exception cref="NotSupportedException">A catalogue too large for EASE.</exception>
    public static TrainingOutcome Train(TrainingJob job, string kind, string directory, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var matrixOptions = new InteractionMatrixOptions { Scaling = TrainingSettingsReader.ReadScaling(job.Settings, errors) };
        int keep = TrainingSettingsReader.ReadKeepVersions(job.Settings, errors);
        EaseOptions? ease = kind == EaseModel.Kind ? TrainingSettingsReader.ReadEase(job.Settings, errors) : null;
        UserKnnOptions? userKnn = kind == UserKnnModel.Kind ? TrainingSettingsReader.ReadUserKnn(job.Settings, errors) : null;
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(job));

        long started = Stopwatch.GetTimestamp();
        InteractionMatrix matrix = InteractionMatrix.Build(job.Events, matrixOptions);
        job.Progress($"matrix: {matrix.Users.Count} users, {matrix.Items.Count} items, {matrix.NonZeros} preferences from {matrix.EventCount} events");
        var c = CultureInfo.InvariantCulture;
        string path, summary;
        Directory.CreateDirectory(directory);
        if (ease is not null)
        {
            EaseModel model = EaseModel.Train(matrix, ease, cancellation);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            (path, _) = ModelFiles.Save(model, directory, Metadata(kind, matrix, job.Clock, seconds, ease));
            summary = string.Create(c, $"ease: lambda {ease.Lambda}, {model.Items.Count:N0} items in {seconds:0.00} s");
        }
        else
        {
            UserKnnModel model = UserKnnModel.Train(matrix, userKnn);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            (path, _) = ModelFiles.Save(model, directory, Metadata(kind, matrix, job.Clock, seconds, userKnn!));
            summary = string.Create(c, $"userknn: {userKnn!.Similarity.ToString().ToLowerInvariant()}, {userKnn.Neighbours} neighbours, {matrix.Users.Count:N0} users x {matrix.Items.Count:N0} items in {seconds:0.00} s");
        }
        job.Progress(summary + " -> " + path);
        ModelFile.Prune(directory, kind, keep);
        return new TrainingOutcome(summary, [path]);
    }

    private static ModelMetadata Metadata(string kind, InteractionMatrix matrix, TimeProvider clock, double seconds, object modelOptions)
    {
        Dictionary<string, string> parameters = OptionsBinder.Describe(matrix.Options, "matrix.");
        foreach ((string name, string value) in OptionsBinder.Describe(modelOptions, kind + ".")) parameters[name] = value;
        return new(kind, 0, clock.GetUtcNow(), matrix.Users.Count, matrix.Items.Count, matrix.EventCount, matrix.NonZeros, seconds, parameters);
    }
}
