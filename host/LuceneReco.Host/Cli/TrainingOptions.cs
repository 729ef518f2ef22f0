using System.CommandLine;
using LuceneReco.Host.Offline;

namespace LuceneReco.Host.Cli;

/// <summary>
/// The training options <c>train</c>, <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> share. Each is passed to the
/// trainable plugins as a setting of the same name (only when given, so the plugins' own defaults hold otherwise); the
/// flags below are the built-in collaborative plugin's settings, and <c>--set NAME=VALUE</c> passes any other. A setting no
/// plugin being trained understands is refused.
/// </summary>
internal sealed class TrainingOptions
{
    private readonly (Option<string> Option, string Setting)[] _named =
    [
        (new Option<string>("--factors") { Description = "ALS latent factors (collaborative plugin; default 64).", HelpName = "N" }, "factors"),
        (new Option<string>("--lambda") { Description = "ALS regularisation (default 30).", HelpName = "X" }, "lambda"),
        (new Option<string>("--alpha") { Description = "ALS confidence slope, c = 1 + alpha * weight (default 2).", HelpName = "X" }, "alpha"),
        (new Option<string>("--iterations") { Description = "ALS iterations (default 15).", HelpName = "N" }, "iterations"),
        (new Option<string>("--neighbours") { Description = "Item-kNN neighbours per item (default 50).", HelpName = "N" }, "neighbours"),
        (new Option<string>("--shrink") { Description = "Item-kNN similarity shrinkage (default 10).", HelpName = "X" }, "shrink"),
        (new Option<string>("--scaling") { Description = "How summed event weights become strengths: raw (ratings), log (play or click counts) or binary (default raw).", HelpName = "raw|log|binary" }, "scaling"),
    ];

    /// <summary><c>--set NAME=VALUE</c>, repeatable: any training setting of a plugin.</summary>
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "A training setting of a plugin, NAME=VALUE (repeatable); 'plugins list' names each plugin's settings, its README says what they mean.",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var (option, _) in _named) command.Options.Add(option);
        command.Options.Add(Set);
    }

    /// <summary>The settings the command line gives (not yet validated), for the plugins named by <paramref name="plugins"/> (null: the default set).</summary>
    /// <exception cref="UsageException">A <c>--set</c> value is not NAME=VALUE, or a setting is given twice.</exception>
    public TrainingSettings Bind(ParseResult parse, IReadOnlyList<string>? plugins = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, setting) in _named)
            if (parse.GetValue(option) is { } value) values[setting] = value;
        foreach (var pair in parse.GetValue(Set) ?? [])
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--set must be NAME=VALUE, got '{pair}'");
            string name = pair[..eq].Trim();
            if (!values.TryAdd(name, pair[(eq + 1)..].Trim())) throw new UsageException($"training setting '{name}' is given twice");
        }
        return new TrainingSettings { Plugins = plugins, Values = values };
    }
}
