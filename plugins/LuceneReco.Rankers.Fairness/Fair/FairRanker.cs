using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The "fair" ranker plugin: FA*IR ranked group fairness (Zehlike et al. 2017) for one or more protected groups; every
/// prefix of the top k holds at least the minimum number of protected items that a binomial test accepts as fair.
/// </summary>
public sealed class FairRanker : RankerPlugin<FairOptions>, IPluginCommand
{
    /// <inheritdoc/>
    public override string Name => "fair";

    /// <inheritdoc/>
    public override string Description => "FA*IR: every prefix of the top k holds the minimum protected items of a binomial test (multi-group, adjusted alpha).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(FairOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        return new FairStage(services.StepName ?? Name, options, services);
    }

    /// <summary>The command group this plugin adds: <c>lucenereco fairness mtable ...</c>.</summary>
    public string CommandName => "fairness";

    /// <inheritdoc/>
    public string CommandDescription => "FA*IR tables: 'fairness mtable --k 20 --p 0.25 --alpha 0.1 [--adjust] [--json]'.";

    /// <summary>Runs <c>fairness mtable ...</c> (<see cref="MTableCommand"/>); anything else is bad usage.</summary>
    public int RunCommand(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 0 && arguments[0] == "mtable") return MTableCommand.Run([.. arguments.Skip(1)], output, error);
        error.WriteLine($"'fairness' has one command, mtable ({MTableCommand.Usage})");
        return 2;
    }
}
