using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// Base class for a plugin with a typed options section: the step's "options" JSON is bound to
/// <typeparamref name="TOptions"/> by <see cref="OptionsBinder"/> (camelCase or PascalCase names, unknown names
/// rejected) and a stage created from it. The binding caches nothing, so the plugin unloads as soon as it is replaced.
/// </summary>
/// <typeparam name="TOptions">A class with settable properties and sensible defaults.</typeparam>
public abstract class RankerPlugin<TOptions> : IRankerPlugin, IOptionsValidatingPlugin where TOptions : class, new()
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual Version Version => GetType().Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        var typed = OptionsBinder.Bind<TOptions>(options, Name);
        return CreateStage(typed, services);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> CheckOptions(JsonElement? options)
    {
        return OptionsBinder.Problems<TOptions>(options, Name, Check);
    }

    /// <summary>Problems with bound options (values out of range) for <see cref="CheckOptions"/>. <value>The default finds none.</value></summary>
    protected virtual IReadOnlyList<string> Check(TOptions options) => [];

    /// <summary>Creates a stage from bound options; throw <see cref="ArgumentException"/> for values out of range.</summary>
    protected abstract IRankerStage CreateStage(TOptions options, IRankerServices services);
}
