using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// A model with its feature schema, and the files' sizes and write times as they were when it was read. It counts its
/// users: the reloader that serves it holds one reference and every request scoring with it one more (<see cref="TryAcquire"/>,
/// <see cref="Release"/>), and the model is disposed (an ONNX session's native memory freed) when the last is released,
/// so a replaced version is freed as soon as the requests still scoring with it are done, never under them.
/// </summary>
internal sealed record ServedModel(ScoringModel Model, FeatureSchema Schema, FileStamp Stamp, DateTimeOffset LoadedAt)
{
    private int _references = 1;

    /// <summary>The file served (a version's file for a versioned model).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The version served, or null for an unversioned file.</summary>
    public int? Version { get; init; }

    /// <summary>Whether the model was disposed (its last reference released).</summary>
    public bool Disposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference, unless the last one was already released (then false: read the newer model instead).</summary>
    public bool TryAcquire()
    {
        int seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            int was = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (was == seen) return true;
            seen = was;
        }
        return false;
    }

    /// <summary>Gives a reference back; the last one disposes the model.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0) Model.Dispose();
        else if (left < 0) throw new InvalidOperationException($"The model '{Model.Path}' was released more often than acquired.");
    }
}

/// <summary>The size and write time of the model file and the features file (-1 and MinValue for a file that is absent).</summary>
internal readonly record struct FileStamp(long ModelLength, DateTime ModelWritten, long FeaturesLength, DateTime FeaturesWritten)
{
    public static FileStamp Of(string modelPath, string? featuresPath)
    {
        (long ml, DateTime mw) = One(modelPath);
        (long fl, DateTime fw) = featuresPath is null ? (0, DateTime.MinValue) : One(featuresPath);
        return new FileStamp(ml, mw, fl, fw);
    }

    private static (long, DateTime) One(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }
}
