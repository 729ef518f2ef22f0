using LuceneReco.Index;
using LuceneReco.Index.Vectors;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>What one <see cref="EmbedJob"/> run did.</summary>
/// <param name="Embedded">Items that got a vector.</param>
/// <param name="AlreadyHad">Live items that had one already (left as they were).</param>
/// <param name="SkippedCjk">Items whose text the model does not understand (Chinese, Japanese, Korean): left to lexical recall.</param>
/// <param name="NoText">Items with none of the fields.</param>
/// <param name="Truncated">Texts cut to the model's token limit.</param>
/// <param name="Commits">Commits made (each makes the vectors so far durable).</param>
internal sealed record EmbedOutcome(int Embedded, int AlreadyHad, int SkippedCjk, int NoText, int Truncated, int Commits);

/// <summary>
/// Computes the vector of every live item that lacks one, in small batches, and commits every <see cref="CommitEvery"/>:
/// killed at any moment, the index keeps the vectors of the last commit and a rerun goes on from there. Updated items lost
/// their vector with the update and added items never had one, so a rerun after a feed embeds exactly those.
/// </summary>
internal sealed class EmbedJob
{
    /// <summary>The index, opened for writing (the job holds its lock throughout).</summary>
    public required IndexWriter Writer { get; init; }

    /// <summary>The encoder.</summary>
    public required IEmbeddingProvider Provider { get; init; }

    /// <summary>The stored text fields whose values, joined, make an item's text.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Texts per encoder call. <value>The default is 16.</value></summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How often the vectors so far are committed. <value>The default is 30 seconds.</value></summary>
    public TimeSpan CommitEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that times commits.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called once before encoding with (items that already have a vector, items to embed).</summary>
    public Action<int, int>? Planned { get; init; }

    /// <summary>Called after each batch with (items embedded so far, items to embed).</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Runs the job.</summary>
    /// <exception cref="ArgumentException">The index holds vectors of another model.</exception>
    public EmbedOutcome Run(CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var space = new VectorSpace(Provider.Model, Provider.Dimension);
        Writer.VectorSpace?.RequireSame(space, nameof(Provider));
        var todo = new List<(string Id, string Text)>();
        int already = 0, cjk = 0, noText = 0;
        using (var reader = Writer.GetReader())
        {
            for (int doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (!reader.IsLive(doc)) continue;
                if (reader.HasVector(doc)) { already++; continue; }
                string text = TextOf(reader, doc);
                if (text.Length == 0) noText++;
                else if (!Provider.Understands(text)) cjk++;
                else todo.Add((reader.IdOf(doc), text));
            }
        }

        Planned?.Invoke(already, todo.Count);
        int embedded = 0, truncated = 0, commits = 0;
        long lastCommit = Clock.GetTimestamp();
        var texts = new List<string>(BatchSize);
        for (int start = 0; start < todo.Count; start += BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            texts.Clear();
            int end = Math.Min(todo.Count, start + BatchSize);
            for (int i = start; i < end; i++) texts.Add(todo[i].Text);
            var batch = Provider.Embed(texts, cancellation);
            if (batch.Vectors.Count != texts.Count)
                throw new InvalidOperationException($"the encoder returned {batch.Vectors.Count} vectors for {texts.Count} texts");
            truncated += batch.Truncated;
            for (int i = start; i < end; i++)
                if (Writer.SetVector(todo[i].Id, space, batch.Vectors[i - start])) embedded++;
            Progress?.Invoke(end, todo.Count);
            if (Clock.GetElapsedTime(lastCommit) >= CommitEvery)
            {
                Writer.Commit();
                commits++;
                lastCommit = Clock.GetTimestamp();
            }
        }
        Writer.Commit();
        return new EmbedOutcome(embedded, already, cjk, noText, truncated, commits + 1);
    }

    /// <summary>The item's values of <see cref="Fields"/>, in that order, joined by ". ".</summary>
    private string TextOf(IndexReader reader, int doc)
    {
        var stored = reader.Stored(doc);
        var parts = new List<string>(Fields.Count);
        foreach (var field in Fields)
            foreach (var (name, value) in stored.Strings)
                if (name == field && !string.IsNullOrWhiteSpace(value)) parts.Add(value.Trim());
        return string.Join(". ", parts);
    }
}
