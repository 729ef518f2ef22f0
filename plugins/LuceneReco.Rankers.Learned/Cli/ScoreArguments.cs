using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Cli;

/// <summary>The parsed arguments of <c>model score</c>; <see cref="Parse"/> returns the problem as one line instead.</summary>
internal sealed record ScoreArguments(string Model, ModelFormat Format, string? Features, string? FeaturesFile, bool Contributions, string Out)
{
    public const string Usage =
        "usage: lucenereco model score --model FILE --format xgboost-json|lightgbm|linear|onnx [--features ROWS.tsv] [--features-file FEATURES.json] [--contributions] --out FILE.tsv|-";

    /// <summary>The arguments after <c>model score</c>, or the problem with them.</summary>
    public static (ScoreArguments? Arguments, string? Problem, bool Help) Parse(IReadOnlyList<string> args)
    {
        string? model = null, format = null, features = null, featuresFile = null, output = null;
        bool contributions = false;
        for (int k = 0; k < args.Count; k++)
        {
            string a = args[k];
            if (a is "--help" or "-h") return (null, null, true);
            if (a == "--contributions") { contributions = true; continue; }
            if (a is not ("--model" or "--format" or "--features" or "--features-file" or "--out"))
                return (null, $"unknown argument '{a}'", false);
            if (k + 1 >= args.Count || args[k + 1].Length == 0 || (args[k + 1].StartsWith("--", StringComparison.Ordinal)))
                return (null, $"{a} needs a value", false);
            string value = args[++k];
            ref string? slot = ref model;
            switch (a)
            {
                case "--format": slot = ref format; break;
                case "--features": slot = ref features; break;
                case "--features-file": slot = ref featuresFile; break;
                case "--out": slot = ref output; break;
            }
            if (slot is not null) return (null, $"{a} is given twice", false);
            slot = value;
        }
        if (model is null) return (null, "--model is required", false);
        if (format is null) return (null, "--format is required", false);
        if (output is null) return (null, "--out is required", false);
        if (ModelFormats.Parse(format) is not ModelFormat f) return (null, $"--format must be one of {ModelFormats.Names}, got '{format}'", false);
        return (new ScoreArguments(model, f, features, featuresFile, contributions, output), null, false);
    }
}
