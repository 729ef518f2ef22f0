using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// Trains LambdaMART (LightGBM's <c>lambdarank</c> objective, Burges 2010) on labelled lists: the newest lists are held out
/// for validation (a time-based split), boosting stops once validation NDCG@10 (weighted by the inverse propensity weights
/// when they are used, <see cref="Ndcg"/>) has not improved for
/// <see cref="TrainerSettings.EarlyStopping"/> rounds and keeps the best round, positive rows carry their inverse propensity
/// weights, and the model is saved as a LightGBM text model with a features file (names in model order, phrases for the
/// explanations) that the "learned" stage hot-loads. Reports validation NDCG@10 beside the served order's and the previous
/// model's (scored by our own tree walker, on the same lists).
/// </summary>
internal static class LambdaMartTrainer
{
    /// <summary>The cut-off of the NDCG reported and stopped on.</summary>
    public const int NdcgAt = 10;

    /// <summary>The largest grade LightGBM's default label gains cover.</summary>
    public const int MaxGrade = 30;

    public static TrainingOutcome Train(TrainingJob job, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        var settings = TrainerSettings.Parse(job.Settings);
        string listsPath = Path.GetFullPath(Path.Combine(job.DataDirectory, settings.Lists));
        if (!File.Exists(listsPath))
        {
            if (settings.ListsGiven) throw new ArgumentException($"Training settings of 'learned' are invalid: lists file '{listsPath}' does not exist");
            return new TrainingOutcome($"learned: no labelled lists at {listsPath}, nothing trained (make them with 'lucenereco features join')", []);
        }
        long started = Stopwatch.GetTimestamp();
        LabelledLists data;
        try
        {
            data = LabelledLists.Read(listsPath);
        }
        catch (ModelFormatException e)
        {
            throw new ArgumentException($"Training settings of 'learned' are invalid: the lists do not load: {e.Message}", e);
        }
        if (data.Groups.Length < 2) throw new ArgumentException($"Training settings of 'learned' are invalid: '{listsPath}' has {data.Groups.Length} list; training needs at least 2 (one to validate on)");

        var (train, validation) = Split(data, settings.Validation);
        job.Progress(Invariant($"learned: {data.Groups.Length:N0} lists, {data.Rows:N0} rows, {data.Features.Length} features; {train.Groups.Length:N0} lists to train on, the newest {validation.Groups.Length:N0} to validate"));

        // a new version beside the path the stage names (model.txt -> model-v{N}.txt), compared with what production serves now
        string namedPath = Path.GetFullPath(Path.Combine(job.DataDirectory, settings.ModelFile));
        string productionPath;
        try
        {
            productionPath = Models.ModelVersions.Resolve(namedPath, ModelAliases.Production).Path;
        }
        catch (ModelFormatException)
        {
            productionPath = namedPath; // an alias to a missing version: nothing to compare with
        }
        double previous = PreviousModelNdcg(productionPath, FeaturesPathOf(productionPath), data.Features, validation, settings.Weights ? validation.Weights : null);
        int version = Models.ModelVersions.Next(namedPath);
        string modelPath = Models.ModelVersions.Versioned(namedPath, version);
        string featuresPath = FeaturesPathOf(modelPath);

        string parameters = Invariant($"objective=lambdarank metric=ndcg eval_at={NdcgAt} num_leaves={settings.Leaves} learning_rate={settings.LearningRate} ") +
            Invariant($"min_data_in_leaf={settings.MinData} seed={settings.Seed} deterministic=true force_row_wise=true num_threads=1 verbosity=-1");
        int best = 0, rounds = 0;
        double bestNdcg = double.NegativeInfinity;
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        string tempModel = Path.Combine(Path.GetDirectoryName(modelPath)!, "." + Path.GetFileName(modelPath) + ".tmp"); // hidden from 'models list' while written
        using (var trainSet = LightGbm.Dataset.Create(train.Values, train.Rows, data.Features.Length, train.Labels, train.Groups, settings.Weights ? train.Weights : null, parameters, null))
        using (var validationSet = LightGbm.Dataset.Create(validation.Values, validation.Rows, data.Features.Length, validation.Labels, validation.Groups, null, parameters, trainSet))
        using (var booster = new LightGbm.Booster(trainSet, validationSet, parameters))
        {
            var scores = settings.Weights ? new double[validation.Rows] : null;
            for (int round = 1; round <= settings.Rounds; round++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (!booster.Update()) break;
                rounds = round;
                double ndcg;
                if (scores is null) ndcg = booster.ValidationMetric();
                else
                {
                    // with weights, stop on the weighted NDCG: on biased clicks the served order itself looks best
                    booster.ValidationScores(scores);
                    ndcg = Ndcg.Mean(validation.Labels, validation.Weights, validation.Groups, scores, NdcgAt, out _);
                }
                if (ndcg > bestNdcg) (bestNdcg, best) = (ndcg, round);
                else if (round - best >= settings.EarlyStopping) break;
            }
            booster.Save(tempModel, Math.Max(1, best));
        }

        // the features file first, then the model: the stage reloads when either changes, and loads the pair once both are new
        WriteFeaturesFile(featuresPath, data.Features);
        File.Move(tempModel, modelPath, overwrite: false);

        var weights = settings.Weights ? validation.Weights : null;
        double trained = ScoreNdcg(LightGbmTextReader.Read(modelPath), data.Features, data.Features, validation, weights);
        double served = ServedOrderNdcg(validation, out int counted, weights);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        string against = double.IsNaN(previous) ? "no previous model" : Invariant($"production model {previous:0.0000}");
        return new TrainingOutcome(
            Invariant($"learned: LambdaMART (LightGBM lambdarank), best round {best} of {rounds}, {train.Groups.Length:N0} lists to train, {validation.Groups.Length:N0} newest to validate ({counted:N0} with a positive label); ") +
            Invariant($"validation NDCG@{NdcgAt} {trained:0.0000} vs served order {served:0.0000}, {against}; {seconds:0.0} s -> version {version}, {modelPath}"),
            [featuresPath, modelPath]);
    }

    /// <summary>The features file beside a model: <c>model.txt</c> has <c>model.features.json</c>.</summary>
    public static string FeaturesPathOf(string modelPath) => Path.ChangeExtension(modelPath, ".features.json");

    /// <summary>Rows of some lists, as LightGBM takes them.</summary>
    internal sealed record Part(double[] Values, float[] Labels, float[] Weights, int[] Positions, int[] Groups)
    {
        public int Rows => Labels.Length;
    }

    /// <summary>Splits by time: lists ordered by when they were served, the newest <paramref name="share"/> (at least one) to validation.</summary>
    internal static (Part Train, Part Validation) Split(LabelledLists data, double share)
    {
        int lists = data.Groups.Length, columns = data.Features.Length;
        var starts = new int[lists];
        for (int g = 1; g < lists; g++) starts[g] = starts[g - 1] + data.Groups[g - 1];
        var order = new int[lists];
        for (int g = 0; g < lists; g++) order[g] = g;
        Array.Sort(order, (a, b) => data.Served[a] != data.Served[b] ? data.Served[a].CompareTo(data.Served[b]) : a.CompareTo(b));
        int held = Math.Clamp((int)Math.Ceiling(lists * share), 1, lists - 1);
        return (Take(order.AsSpan(0, lists - held)), Take(order.AsSpan(lists - held)));

        Part Take(ReadOnlySpan<int> groups)
        {
            int rows = 0;
            foreach (int g in groups) rows += data.Groups[g];
            var part = new Part(new double[rows * columns], new float[rows], new float[rows], new int[rows], new int[groups.Length]);
            int r = 0, k = 0;
            foreach (int g in groups)
            {
                part.Groups[k++] = data.Groups[g];
                for (int i = 0; i < data.Groups[g]; i++, r++)
                {
                    int from = starts[g] + i;
                    Array.Copy(data.Values, from * columns, part.Values, r * columns, columns);
                    part.Labels[r] = Math.Clamp(MathF.Round(data.Labels[from]), 0, MaxGrade); // lambdarank grades are whole numbers
                    part.Weights[r] = data.Weights[from];
                    part.Positions[r] = data.Positions[from];
                }
            }
            return part;
        }
    }

    /// <summary>NDCG@10 of <paramref name="model"/> (features named <paramref name="modelFeatures"/>) on <paramref name="part"/> (columns <paramref name="columns"/>); absent columns are missing.</summary>
    internal static double ScoreNdcg(ScoringModel model, IReadOnlyList<string> modelFeatures, IReadOnlyList<string> columns, Part part, float[]? weights = null)
    {
        var map = new int[modelFeatures.Count];
        for (int f = 0; f < map.Length; f++) map[f] = IndexOf(columns, modelFeatures[f]);
        using var rows = new FeatureMatrix(part.Rows, model.FeatureCount);
        for (int r = 0; r < part.Rows; r++)
        {
            var row = rows.Row(r);
            for (int f = 0; f < map.Length && f < row.Length; f++)
                if (map[f] >= 0) row[f] = part.Values[r * columns.Count + map[f]];
        }
        var scores = new double[part.Rows];
        model.Score(rows, scores);
        return Ndcg.Mean(part.Labels, weights, part.Groups, scores, NdcgAt, out _);
    }

    /// <summary>NDCG@10 of the order the lists were served in.</summary>
    internal static double ServedOrderNdcg(Part part, out int counted, float[]? weights = null)
    {
        var scores = new double[part.Rows];
        for (int r = 0; r < part.Rows; r++) scores[r] = -part.Positions[r];
        return Ndcg.Mean(part.Labels, weights, part.Groups, scores, NdcgAt, out counted);
    }

    private static double PreviousModelNdcg(string modelPath, string featuresPath, IReadOnlyList<string> columns, Part validation, float[]? weights)
    {
        if (!File.Exists(modelPath)) return double.NaN;
        try
        {
            var model = LightGbmTextReader.Read(modelPath);
            IReadOnlyList<string>? names = File.Exists(featuresPath) ? FeatureSpecReader.Read(featuresPath).ConvertAll(s => s.Name) : model.FeatureNames;
            return names is null || names.Count != model.FeatureCount ? double.NaN : ScoreNdcg(model, names, columns, validation, weights);
        }
        catch (ModelFormatException)
        {
            return double.NaN; // a previous model that does not load is nothing to compare with; the new one replaces it
        }
    }

    private static void WriteFeaturesFile(string path, IReadOnlyList<string> names)
    {
        string temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("features");
            foreach (string name in names)
            {
                var spec = FeaturePhrases.For(name);
                w.WriteStartObject();
                w.WriteString("name", name);
                if (spec.Label is { } label) w.WriteString("label", label);
                if (spec.LabelUp is { } up) w.WriteString("labelUp", up);
                if (spec.LabelDown is { } down) w.WriteString("labelDown", down);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true);
    }

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i] == name) return i;
        return -1;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
