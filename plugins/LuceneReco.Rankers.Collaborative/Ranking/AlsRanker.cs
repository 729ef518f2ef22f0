using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "als" ranker plugin: rescores candidates by implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008), folding in users unseen at training.</summary>
public sealed class AlsRanker : IRankerPlugin
{
    private readonly StoreCache<ImplicitAlsModel> _stores = new();

    /// <inheritdoc/>
    public string Name => "als";

    /// <inheritdoc/>
    public Version Version => typeof(AlsRanker).Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public string Description => "Implicit ALS matrix factorisation: blends in dot(user, item) with the user folded in from their history.";

    /// <summary>
    /// Binds <paramref name="json"/> to <see cref="AlsRankerOptions"/> (names in any case, unknown names rejected) and creates a stage;
    /// every bad option is reported in one <see cref="ArgumentException"/>. Deliberately not <c>RankerPlugin&lt;TOptions&gt;</c>:
    /// its System.Text.Json binding caches the options type process-wide, which keeps an unloaded plugin in memory.
    /// </summary>
    public IRankerStage CreateStage(JsonElement? json, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AlsRankerOptions options = OptionsBinder.Bind<AlsRankerOptions>(json, Name);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(json));
        return new AlsStage(Name, options, services, _stores.For(options, services, ImplicitAlsModel.Kind, ModelFiles.LoadAls));
    }
}
