using LuceneReco.Plugins;

namespace FavouriteCategory;

/// <summary>
/// Ranker "favourite-category": boosts the candidates in the user's favourite category and reorders.
/// The favourite is the request option <c>favouriteCategory</c> or, failing that, the category the user
/// interacted with most.
/// </summary>
public sealed class FavouriteCategoryRanker : RankerPlugin<FavouriteCategoryOptions>
{
    /// <summary>The request option naming the favourite category.</summary>
    public const string RequestOption = "favouriteCategory";

    /// <inheritdoc/>
    public override string Name => "favourite-category";

    /// <inheritdoc/>
    public override string Description => "Boosts items in the user's favourite category (request option 'favouriteCategory', else their most frequent one).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(FavouriteCategoryOptions options, IRankerServices services)
    {
        options.Validate();
        return new FavouriteCategoryStage(Name, options, services);
    }
}
