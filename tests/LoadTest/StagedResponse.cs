using System.Globalization;
using System.Text.Json;

namespace LuceneReco.LoadTest;

/// <summary>
/// Reads which version of the <c>good</c> test ranker served a response of the staged pipeline (with
/// <c>explain=true</c>), and checks that it really did: no stage was skipped, every item carries the line
/// <c>good: good vN</c> of one version N, and its score is the fused score plus N (v1 adds 1.0, v2 adds 2.0).
/// </summary>
public static class StagedResponse
{
    /// <summary>The version that served <paramref name="body"/> (1 or 2), or null and what was wrong.</summary>
    public static (int? Version, string? Problem) Inspect(JsonElement body)
    {
        if (body.GetProperty("skippedStages").GetArrayLength() is > 0)
            return (null, "stage skipped: " + body.GetProperty("skippedStages")[0].GetProperty("reason").GetString());
        var items = body.GetProperty("items");
        if (items.GetArrayLength() == 0) return (null, "no items");
        int? version = null;
        foreach (var item in items.EnumerateArray())
        {
            int? line = null;
            foreach (var explanation in item.GetProperty("explanation").EnumerateArray())
            {
                var text = explanation.GetString() ?? "";
                if (text.StartsWith("good: good v", StringComparison.Ordinal))
                    line = int.Parse(text.AsSpan("good: good v".Length), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            if (line is null) return (null, "an item without a 'good: good vN' explanation");
            if (version is not null && version != line) return (null, "items served by two versions in one response");
            version = line;
            double fused = item.GetProperty("stageScores").GetProperty("fusion").GetDouble();
            double score = item.GetProperty("score").GetDouble();
            if (Math.Abs(score - (fused + line.Value)) > 1e-9)
                return (null, $"v{line} score {score.ToString("R", CultureInfo.InvariantCulture)} is not the fused score {fused.ToString("R", CultureInfo.InvariantCulture)} + {line}");
        }
        return (version, null);
    }
}
