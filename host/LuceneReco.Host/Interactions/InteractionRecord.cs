using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Interactions;

/// <summary>One line of an interactions file: either an event or the reason the line was rejected.</summary>
/// <param name="Line">1-based physical line number (a CSV header is line 1).</param>
/// <param name="Event">The event, or null when the line is bad.</param>
/// <param name="Error">Why the line is bad, or null when <paramref name="Event"/> is set.</param>
internal readonly record struct InteractionRecord(long Line, Interaction? Event, string? Error)
{
    /// <summary>A good line.</summary>
    public static InteractionRecord Ok(long line, Interaction interaction) => new(line, interaction, null);

    /// <summary>A bad line.</summary>
    public static InteractionRecord Bad(long line, string error) => new(line, null, error);

    /// <summary>The error as <c>file:line: reason</c>.</summary>
    public string Describe(string fileName) => $"{fileName}:{Line.ToString(CultureInfo.InvariantCulture)}: {Error}";
}
