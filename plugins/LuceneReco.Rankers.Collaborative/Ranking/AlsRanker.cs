using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "als" ranker plugin: rescores candidates by implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008), folding in users unseen at training.</summary>
public sealed class AlsRanker : RankerPlugin<AlsRankerOptions>
{
    private readonly StoreCache<ImplicitAlsModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "als";

    /// <inheritdoc/>
    public override string Description => "Implicit ALS matrix factorisation: blends in dot(user, item) with the user folded in from their history.";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(AlsRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new AlsStage(Name, options, services, _stores.For(options, services, ImplicitAlsModel.Kind, ModelFiles.LoadAls));
    }
}
