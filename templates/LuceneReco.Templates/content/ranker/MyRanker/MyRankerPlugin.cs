using LuceneReco.Plugins;

namespace MyRanker;

/// <summary>Ranker "my-ranker": boosts the candidates whose field holds a value, then orders by score.</summary>
public sealed class MyRankerPlugin : RankerPlugin<MyRankerOptions>
{
    /// <inheritdoc/>
    public override string Name => "my-ranker";

    /// <inheritdoc/>
    public override string Description => "Boosts the candidates whose field holds a value (options field, value, boost).";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> Check(MyRankerOptions options)
    {
        try
        {
            options.Validate();
            return [];
        }
        catch (ArgumentException e)
        {
            return [e.Message];
        }
    }

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(MyRankerOptions options, IRankerServices services)
    {
        options.Validate();
        return new MyRankerStage(Name, options, services);
    }
}
