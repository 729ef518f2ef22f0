using LuceneReco.Host.Items;

namespace LuceneReco.Host.Cli;

/// <summary>
/// Collects the bad lines skipped under <c>--skip-bad</c>: prints the first <see cref="PrintLimit"/>
/// to stderr as <c>items.tsv:12: reason</c>, and only counts the rest.
/// </summary>
internal sealed class BadLineReport(CliConsole console, string fileName)
{
    /// <summary>How many bad lines are printed one by one.</summary>
    public const int PrintLimit = 20;

    /// <summary>How many bad lines were reported.</summary>
    public long Count { get; private set; }

    /// <summary>Reports a bad line (printed while fewer than <see cref="PrintLimit"/> were).</summary>
    public void Add(ItemRecord record)
    {
        if (Count++ < PrintLimit) console.Error.WriteLine($"skipped {record.Describe(fileName)}");
    }

    /// <summary>Prints how many lines were not shown, if any.</summary>
    public void Finish()
    {
        if (Count > PrintLimit)
            console.Error.WriteLine($"skipped {CliFormat.Plural(Count - PrintLimit, "more bad line")} ({CliFormat.Count(Count)} in all)");
    }
}
