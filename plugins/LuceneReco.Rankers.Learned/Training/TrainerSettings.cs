using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Training;

/// <summary>The training settings of the "learned" plugin (<c>lucenereco train --model learned --set NAME=VALUE</c>), with defaults.</summary>
internal sealed class TrainerSettings
{
    /// <summary>The settings, with what each does and its default, for <see cref="ITrainablePlugin.TrainingSettings"/>.</summary>
    public static readonly IReadOnlyList<TrainingSetting> Known =
    [
        new("lists", "The labelled lists TSV from 'lucenereco features join', relative to the plugin's data folder or absolute (default lists.tsv; absent: nothing is trained)."),
        new("model-file", "The model the stage names, relative to the data folder (default ltr/model.txt); each run writes a new version beside it (ltr/model-vN.txt with ltr/model-vN.features.json)."),
        new("rounds", "At most this many boosting rounds (default 500)."),
        new("learning-rate", "Shrinkage of each tree (default 0.05)."),
        new("leaves", "Leaves per tree (default 31)."),
        new("min-data", "Fewest rows in a leaf (default 20)."),
        new("early-stopping", "Stop after this many rounds without a better validation NDCG@10 (default 50)."),
        new("validation", "The share of lists, the newest, held out for validation and early stopping (default 0.2)."),
        new("weights", "Use the lists' inverse propensity weights (the 'weight' column): true or false (default true)."),
        new("seed", "LightGBM's seed (default 1)."),
    ];

    public string Lists { get; private init; } = "lists.tsv";

    public bool ListsGiven { get; private init; }

    public string ModelFile { get; private init; } = "ltr/model.txt";

    public int Rounds { get; private init; } = 500;

    public double LearningRate { get; private init; } = 0.05;

    public int Leaves { get; private init; } = 31;

    public int MinData { get; private init; } = 20;

    public int EarlyStopping { get; private init; } = 50;

    public double Validation { get; private init; } = 0.2;

    public bool Weights { get; private init; } = true;

    public int Seed { get; private init; } = 1;

    /// <summary>Reads <paramref name="settings"/>; throws <see cref="ArgumentException"/> listing every bad one.</summary>
    public static TrainerSettings Parse(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        string Text(string name, string fallback) => settings.TryGetValue(name, out var v) ? (string.IsNullOrWhiteSpace(v) ? Bad(name, "must not be empty", fallback) : v.Trim()) : fallback;
        string Bad(string name, string why, string fallback)
        {
            problems.Add($"{name} {why}");
            return fallback;
        }
        int Int(string name, int fallback, int min, int max)
        {
            if (!settings.TryGetValue(name, out var v)) return fallback;
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max) return n;
            problems.Add(Invariant($"{name} must be a whole number from {min} to {max}, got '{v}'"));
            return fallback;
        }
        double Real(string name, double fallback, double min, double max)
        {
            if (!settings.TryGetValue(name, out var v)) return fallback;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > min && x < max) return x;
            problems.Add(Invariant($"{name} must be a number above {min} and below {max}, got '{v}'"));
            return fallback;
        }
        bool weights = true;
        if (settings.TryGetValue("weights", out var w) && !bool.TryParse(w, out weights)) problems.Add($"weights must be true or false, got '{w}'");
        var result = new TrainerSettings
        {
            Lists = Text("lists", "lists.tsv"),
            ListsGiven = settings.ContainsKey("lists"),
            ModelFile = Text("model-file", "ltr/model.txt"),
            Rounds = Int("rounds", 500, 1, 100_000),
            LearningRate = Real("learning-rate", 0.05, 0, 1),
            Leaves = Int("leaves", 31, 2, 131_072),
            MinData = Int("min-data", 20, 1, 1_000_000),
            EarlyStopping = Int("early-stopping", 50, 1, 100_000),
            Validation = Real("validation", 0.2, 0, 1),
            Weights = weights,
            Seed = Int("seed", 1, 0, int.MaxValue),
        };
        if (problems.Count > 0) throw new ArgumentException($"Training settings of 'learned' are invalid: {string.Join("; ", problems)}");
        return result;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
