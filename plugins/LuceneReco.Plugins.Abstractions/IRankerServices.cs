namespace LuceneReco.Plugins;

/// <summary>Read-only services the host gives a ranker.</summary>
public interface IRankerServices
{
    /// <summary>Item fields and term vectors.</summary>
    IItemCatalog Items { get; }

    /// <summary>The user's interactions (views, clicks, purchases, ratings).</summary>
    IInteractionReader Interactions { get; }

    /// <summary>A folder owned by this plugin for its models and data (created by the host).</summary>
    string DataDirectory { get; }

    /// <summary>Writes to the host's log, prefixed with the plugin name.</summary>
    IRankerLog Log { get; }

    /// <summary>The clock; use it instead of DateTime.Now so tests can control time.</summary>
    TimeProvider Clock { get; }

    /// <summary>
    /// The pipeline whose step the stage or source is made for, so state kept per step (an exposure controller) can be named
    /// after it. <value>The default is <c>null</c>: not made for a pipeline step (a tool, a test, training).</value>
    /// </summary>
    string? PipelineName => null;

    /// <summary>
    /// The name of the pipeline step the stage or source is made for: the step's <c>name</c>, or its ranker or source when it has
    /// none; unique within <see cref="PipelineName"/>. <value>The default is <c>null</c>: not made for a pipeline step.</value>
    /// </summary>
    string? StepName => null;
}

/// <summary>Item data from the index, as of the request's point-in-time view.</summary>
public interface IItemCatalog
{
    /// <summary>Live items in the index.</summary>
    int Count { get; }

    /// <summary>Whether an item with this id is live.</summary>
    bool Contains(string itemId);

    /// <summary>The stored text and keyword values of an item by field (empty when unknown).</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId);

    /// <summary>A numeric field's value, or null.</summary>
    double? Number(string itemId, string field);

    /// <summary>The item's term vector of a text field: terms ascending with their frequencies (empty when none).</summary>
    IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field);

    /// <summary>Items containing <paramref name="term"/> in <paramref name="field"/> (index statistics).</summary>
    int DocFreq(string field, string term);
}

/// <summary>One user-item event.</summary>
/// <param name="UserId">Who.</param>
/// <param name="ItemId">Which item.</param>
/// <param name="Kind">view, click, purchase, rating, ...</param>
/// <param name="Weight">Its strength (a rating, or 1).</param>
/// <param name="Timestamp">When.</param>
public readonly record struct Interaction(string UserId, string ItemId, string Kind, double Weight, DateTimeOffset Timestamp);

/// <summary>Read access to interactions.</summary>
public interface IInteractionReader
{
    /// <summary>The user's most recent interactions, newest first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<Interaction> ForUser(string userId, int max = 1000);

    /// <summary>The item's most recent interactions, newest first, at most <paramref name="max"/>.</summary>
    IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000);
}

/// <summary>A minimal log sink (the contract stays free of logging packages).</summary>
public interface IRankerLog
{
    /// <summary>Informational message.</summary>
    void Info(string message);

    /// <summary>Something a person should look at.</summary>
    void Warn(string message);
}
