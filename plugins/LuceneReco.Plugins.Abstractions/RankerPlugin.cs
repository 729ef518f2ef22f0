using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// Base class for a plugin with a typed options section: the step's "options" JSON is bound to
/// <typeparamref name="TOptions"/> (camelCase or PascalCase names, unknown names rejected) and a stage created from it.
/// </summary>
/// <typeparam name="TOptions">A class with settable properties and sensible defaults.</typeparam>
public abstract class RankerPlugin<TOptions> : IRankerPlugin where TOptions : class, new()
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual Version Version => GetType().Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        TOptions typed;
        try
        {
            typed = options is { ValueKind: JsonValueKind.Object } o ? o.Deserialize<TOptions>(Json) ?? new TOptions() : new TOptions();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Options of ranker '{Name}' are invalid: {e.Message}", nameof(options), e);
        }
        return CreateStage(typed, services);
    }

    /// <summary>Creates a stage from bound options; throw <see cref="ArgumentException"/> for values out of range.</summary>
    protected abstract IRankerStage CreateStage(TOptions options, IRankerServices services);
}
