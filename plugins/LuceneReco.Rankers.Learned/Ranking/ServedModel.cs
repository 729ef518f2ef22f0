using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>A model with its feature schema, and the files' sizes and write times as they were when it was read.</summary>
internal sealed record ServedModel(ScoringModel Model, FeatureSchema Schema, FileStamp Stamp, DateTimeOffset LoadedAt);

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
