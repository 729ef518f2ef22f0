using System.CommandLine;
using LuceneReco.Host.Reco;
using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Host.Cli;

/// <summary>The model options <c>train</c>, <c>recommend-batch</c> and <c>eval</c> share, bound to <see cref="TrainingSettings"/>.</summary>
internal sealed class TrainingOptions
{
    private static readonly TrainingSettings Defaults = new();

    public Option<int> Factors { get; } = new("--factors") { Description = $"ALS latent factors (default {Defaults.Factors}).", HelpName = "N", DefaultValueFactory = _ => Defaults.Factors };

    public Option<double> Lambda { get; } = new("--lambda") { Description = $"ALS regularisation (default {Defaults.Lambda}).", HelpName = "X", DefaultValueFactory = _ => Defaults.Lambda };

    public Option<double> Alpha { get; } = new("--alpha") { Description = $"ALS confidence slope, c = 1 + alpha * weight (default {Defaults.Alpha}).", HelpName = "X", DefaultValueFactory = _ => Defaults.Alpha };

    public Option<int> Iterations { get; } = new("--iterations") { Description = $"ALS iterations (default {Defaults.Iterations}).", HelpName = "N", DefaultValueFactory = _ => Defaults.Iterations };

    public Option<int> Neighbours { get; } = new("--neighbours") { Description = $"Item-kNN neighbours per item (default {Defaults.Neighbours}).", HelpName = "N", DefaultValueFactory = _ => Defaults.Neighbours };

    public Option<double> Shrink { get; } = new("--shrink") { Description = $"Item-kNN similarity shrinkage (default {Defaults.Shrink}).", HelpName = "X", DefaultValueFactory = _ => Defaults.Shrink };

    public Option<string> Scaling { get; } = new("--scaling") { Description = "How an item's summed event weights become a strength: raw (ratings), log (1 + log, for play or click counts) or binary (default raw).", HelpName = "raw|log|binary", DefaultValueFactory = _ => "raw" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Factors);
        command.Options.Add(Lambda);
        command.Options.Add(Alpha);
        command.Options.Add(Iterations);
        command.Options.Add(Neighbours);
        command.Options.Add(Shrink);
        command.Options.Add(Scaling);
    }

    /// <summary>The settings the command line asks for (not yet validated).</summary>
    public TrainingSettings Bind(ParseResult parse, bool itemKnn = true, bool als = true) => new()
    {
        ItemKnn = itemKnn,
        Als = als,
        Factors = parse.GetValue(Factors),
        Lambda = parse.GetValue(Lambda),
        Alpha = parse.GetValue(Alpha),
        Iterations = parse.GetValue(Iterations),
        Neighbours = parse.GetValue(Neighbours),
        Shrink = parse.GetValue(Shrink),
        Scaling = ParseScaling(parse.GetValue(Scaling)),
    };

    private static WeightScaling ParseScaling(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "raw" or null => WeightScaling.Raw,
        "log" => WeightScaling.Log,
        "binary" => WeightScaling.Binary,
        _ => throw new UsageException($"--scaling must be raw, log or binary, got '{value}'"),
    };
}
