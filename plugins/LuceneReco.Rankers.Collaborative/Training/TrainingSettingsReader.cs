using System.Globalization;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;

namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>
/// Turns the host's training settings (name to invariant-culture text, <see cref="TrainingJob.Settings"/>) into
/// <see cref="TrainerOptions"/> for one model kind. The defaults were chosen on MovieLens latest-small
/// (docs/evaluation.md says which were tuned on its test part): ALS 64 factors, lambda 30, alpha 2, 15 iterations;
/// item-kNN 50 neighbours, shrinkage 10; raw weights.
/// </summary>
internal static class TrainingSettingsReader
{
    /// <summary>The settings the ALS ranker understands.</summary>
    public static readonly IReadOnlyList<TrainingSetting> Als =
    [
        new("factors", "ALS latent factors (default 64)."),
        new("lambda", "ALS regularisation (default 30)."),
        new("alpha", "ALS confidence slope, c = 1 + alpha * weight (default 2)."),
        new("iterations", "ALS iterations (default 15)."),
        new("scaling", "How summed event weights become strengths: raw (ratings), log (play or click counts) or binary (default raw)."),
        new("keep-versions", "Model versions kept in the folder (default 3)."),
    ];

    /// <summary>The settings the item-kNN ranker understands.</summary>
    public static readonly IReadOnlyList<TrainingSetting> ItemKnn =
    [
        new("neighbours", "Item-kNN neighbours kept per item (default 50)."),
        new("shrink", "Item-kNN similarity shrinkage (default 10)."),
        new("scaling", "How summed event weights become strengths: raw (ratings), log (play or click counts) or binary (default raw)."),
        new("keep-versions", "Model versions kept in the folder (default 3)."),
    ];

    /// <summary>The settings the EASE ranker understands.</summary>
    public static readonly IReadOnlyList<TrainingSetting> Ease =
    [
        new("ease.lambda", "EASE L2 penalty added to the Gram matrix's diagonal (default 300)."),
        new("ease.max-items", "EASE trains on only this many items with the most users (default: every item, at most 20,000)."),
        new("scaling", "How summed event weights become strengths: raw (ratings), log (play or click counts) or binary (default raw)."),
        new("keep-versions", "Model versions kept in the folder (default 3)."),
    ];

    /// <summary>The settings the user-kNN ranker understands.</summary>
    public static readonly IReadOnlyList<TrainingSetting> UserKnn =
    [
        new("userknn.neighbours", "User-kNN: most similar users a score is made from (default 50)."),
        new("userknn.similarity", "User-kNN: cosine or pearson (default cosine)."),
        new("userknn.shrink", "User-kNN similarity shrinkage (default 10)."),
        new("scaling", "How summed event weights become strengths: raw (ratings), log (play or click counts) or binary (default raw)."),
        new("keep-versions", "Model versions kept in the folder (default 3)."),
    ];

    /// <summary>EASE options from the settings; problems are added to <paramref name="errors"/>.</summary>
    public static Ease.EaseOptions ReadEase(IReadOnlyDictionary<string, string> settings, List<string> errors)
    {
        double lambda = Double(settings, "ease.lambda", 300, errors, min: 0, minExclusive: true);
        int? maxItems = settings.ContainsKey("ease.max-items") ? Int(settings, "ease.max-items", 0, 1, Collaborative.Ease.EaseOptions.MaxItemCount, errors) : null;
        return new Ease.EaseOptions { Lambda = lambda, MaxItems = maxItems };
    }

    /// <summary>User-kNN options from the settings; problems are added to <paramref name="errors"/>.</summary>
    public static UserKnn.UserKnnOptions ReadUserKnn(IReadOnlyDictionary<string, string> settings, List<string> errors)
    {
        var similarity = Collaborative.UserKnn.UserSimilarity.Cosine;
        if (settings.TryGetValue("userknn.similarity", out string? text))
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "cosine": break;
                case "pearson": similarity = Collaborative.UserKnn.UserSimilarity.Pearson; break;
                default: errors.Add($"userknn.similarity must be cosine or pearson, got '{text}'"); break;
            }
        }
        return new UserKnn.UserKnnOptions
        {
            Neighbours = Int(settings, "userknn.neighbours", 50, 1, 10_000, errors),
            Similarity = similarity,
            Shrink = Double(settings, "userknn.shrink", 10, errors, min: 0, minExclusive: false),
        };
    }

    /// <summary>The <c>scaling</c> setting; problems are added to <paramref name="errors"/>.</summary>
    public static WeightScaling ReadScaling(IReadOnlyDictionary<string, string> settings, List<string> errors) => Scaling(settings, errors);

    /// <summary>The <c>keep-versions</c> setting; problems are added to <paramref name="errors"/>.</summary>
    public static int ReadKeepVersions(IReadOnlyDictionary<string, string> settings, List<string> errors) => Int(settings, "keep-versions", 3, 1, 1000, errors);

    /// <summary>The trainer's options for <paramref name="kind"/> (<see cref="ImplicitAlsModel.Kind"/> or <see cref="ItemKnnModel.Kind"/>) writing into <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">A value is not a number, out of range, or not a scaling name (every problem at once).</exception>
    public static TrainerOptions Read(IReadOnlyDictionary<string, string> settings, string kind, string directory)
    {
        var errors = new List<string>();
        var matrix = new InteractionMatrixOptions { Scaling = Scaling(settings, errors) };
        int keep = Int(settings, "keep-versions", 3, 1, 1000, errors);
        TrainerOptions options;
        if (kind == ImplicitAlsModel.Kind)
        {
            var als = new ImplicitAlsOptions
            {
                Factors = Int(settings, "factors", 64, 1, 1024, errors),
                Regularization = Double(settings, "lambda", 30, errors, min: 0, minExclusive: true),
                Alpha = Double(settings, "alpha", 2, errors, min: 0, minExclusive: false),
                Iterations = Int(settings, "iterations", 15, 1, 10_000, errors),
            };
            options = new TrainerOptions { OutputDirectory = directory, Matrix = matrix, Als = als, ItemKnn = null, KeepVersions = keep };
        }
        else
        {
            var knn = new ItemKnnOptions
            {
                Neighbours = Int(settings, "neighbours", 50, 1, 10_000, errors),
                Shrink = Double(settings, "shrink", 10, errors, min: 0, minExclusive: false),
            };
            options = new TrainerOptions { OutputDirectory = directory, Matrix = matrix, ItemKnn = knn, Als = null, KeepVersions = keep };
        }
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(settings));
        return options;
    }

    /// <summary>The <c>keep-versions</c> setting (default 3, 1 to 1000), shared by every model this plugin trains.</summary>
    /// <exception cref="ArgumentException">The value is not an integer in range.</exception>
    public static int KeepVersions(IReadOnlyDictionary<string, string> settings)
    {
        var errors = new List<string>();
        int keep = Int(settings, "keep-versions", 3, 1, 1000, errors);
        if (errors.Count > 0) throw new ArgumentException(errors[0], nameof(settings));
        return keep;
    }

    private static WeightScaling Scaling(IReadOnlyDictionary<string, string> settings, List<string> errors)
    {
        if (!settings.TryGetValue("scaling", out string? text)) return WeightScaling.Raw;
        switch (text.Trim().ToLowerInvariant())
        {
            case "raw": return WeightScaling.Raw;
            case "log": return WeightScaling.Log;
            case "binary": return WeightScaling.Binary;
            default:
                errors.Add($"scaling must be raw, log or binary, got '{text}'");
                return WeightScaling.Raw;
        }
    }

    private static int Int(IReadOnlyDictionary<string, string> settings, string name, int fallback, int min, int max, List<string> errors)
    {
        if (!settings.TryGetValue(name, out string? text)) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max) return value;
        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be an integer from {min} to {max}, got '{text}'"));
        return fallback;
    }

    private static double Double(IReadOnlyDictionary<string, string> settings, string name, double fallback, List<string> errors, double min, bool minExclusive)
    {
        if (!settings.TryGetValue(name, out string? text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            && (minExclusive ? value > min : value >= min)) return value;
        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number {(minExclusive ? ">" : ">=")} {min}, got '{text}'"));
        return fallback;
    }
}
