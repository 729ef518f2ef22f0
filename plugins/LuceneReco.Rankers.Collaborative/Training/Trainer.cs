using System.Diagnostics;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>Trains the collaborative models from events and writes them as new versions, which serving rankers pick up on their next poll.</summary>
public static class Trainer
{
    /// <summary>Builds the matrix, trains the models <paramref name="options"/> asks for, writes each as its next version and prunes old ones.</summary>
    /// <param name="events">The interactions (read once).</param>
    /// <param name="options">What to train and where.</param>
    /// <param name="clock">Stamps the models' training time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="progress">Told what is happening, one line at a time.</param>
    /// <param name="cancellation">Stops training between rows.</param>
    public static TrainingReport Train(IEnumerable<Interaction> events, TrainerOptions options, TimeProvider? clock = null,
        Action<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        clock ??= TimeProvider.System;

        InteractionMatrix matrix = InteractionMatrix.Build(events, options.Matrix);
        progress?.Invoke($"matrix: {matrix.Users.Count} users, {matrix.Items.Count} items, {matrix.NonZeros} preferences from {matrix.EventCount} events");
        var pruned = new List<string>();
        string? knnPath = null, alsPath = null;
        double knnSeconds = 0, alsSeconds = 0;
        int alsIterations = 0;

        if (options.ItemKnn is ItemKnnOptions knnOptions)
        {
            long started = Stopwatch.GetTimestamp();
            ItemKnnModel knn = ItemKnnModel.Train(matrix, knnOptions, cancellation);
            knnSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            ModelMetadata metadata = Metadata(ItemKnnModel.Kind, matrix, clock, knnSeconds, knnOptions);
            (knnPath, _) = ModelFiles.Save(knn, options.OutputDirectory, metadata);
            progress?.Invoke($"itemknn: {knn.PairCount} neighbour pairs in {knnSeconds:0.00} s -> {knnPath}");
            pruned.AddRange(ModelFiles.Prune(options.OutputDirectory, ItemKnnModel.Kind, options.KeepVersions));
        }

        if (options.Als is ImplicitAlsOptions alsOptions)
        {
            long started = Stopwatch.GetTimestamp();
            ImplicitAlsModel als = ImplicitAlsModel.Train(matrix, alsOptions, cancellation, (iteration, took) =>
            {
                alsIterations = iteration;
                progress?.Invoke($"als: iteration {iteration}/{alsOptions.Iterations} in {took.TotalSeconds:0.000} s");
            });
            alsSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            ModelMetadata metadata = Metadata(ImplicitAlsModel.Kind, matrix, clock, alsSeconds, alsOptions);
            (alsPath, _) = ModelFiles.Save(als, options.OutputDirectory, metadata);
            progress?.Invoke($"als: {alsOptions.Factors} factors in {alsSeconds:0.00} s -> {alsPath}");
            pruned.AddRange(ModelFiles.Prune(options.OutputDirectory, ImplicitAlsModel.Kind, options.KeepVersions));
        }

        return new TrainingReport(matrix.Users.Count, matrix.Items.Count, matrix.EventCount, matrix.NonZeros, knnPath, knnSeconds,
            alsPath, alsSeconds, alsIterations > 0 ? alsSeconds / alsIterations : 0, pruned);
    }

    private static ModelMetadata Metadata(string kind, InteractionMatrix matrix, TimeProvider clock, double seconds, object modelOptions)
    {
        Dictionary<string, string> parameters = OptionsBinder.Describe(matrix.Options, "matrix.");
        foreach ((string name, string value) in OptionsBinder.Describe(modelOptions, kind + ".")) parameters[name] = value;
        return new(kind, 0, clock.GetUtcNow(), matrix.Users.Count, matrix.Items.Count, matrix.EventCount, matrix.NonZeros, seconds, parameters);
    }
}
