using LuceneReco.Index.Backends;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>semantic-profile</c>: the items nearest the user's taste as a dense vector, the sum of the vectors of their recent items each
/// weighted like <c>profile</c>'s, <c>weight * 0.5^(position / 10)</c> (position 0 = newest; see
/// <see cref="ProfileRecallSource.Decayed"/>). Items not embedded yet are left out of the profile. The explanation names the
/// history item nearest the result.
/// </summary>
internal sealed class SemanticProfileRecallSource : IRecallSource
{
    public string Name => "semantic-profile";

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var reader = context.View;
        var profile = context.Profile;
        if (profile.Count == 0 || reader.VectorSpace is not { } space) return [];
        int n = Math.Min(profile.Count, ProfileRecallSource.MaxProfileItems);
        var taste = new float[space.Dimension];
        var used = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            var v = reader.Vector(profile[i].Doc);
            if (v.IsEmpty) continue;
            VectorSearch.AddScaled(v, (float)ProfileRecallSource.Decayed(profile[i].Weight, i), taste);
            used.Add(profile[i].Doc);
        }
        if (used.Count == 0 || VectorSearch.Norm(taste) == 0) return [];
        var all = new HashSet<int>(n);
        for (int i = 0; i < n; i++) all.Add(profile[i].Doc);
        return SemanticRecall.Search(context, step, space, taste, all, doc => SemanticRecall.CloseTo(SemanticRecall.TitleOf(reader, Nearest(reader, used, doc))));
    }

    /// <summary>The history item (of <paramref name="used"/>, newest first) whose vector is nearest <paramref name="doc"/>'s; the newer wins a tie.</summary>
    private static int Nearest(IRecallView reader, List<int> used, int doc)
    {
        var target = reader.Vector(doc);
        int best = used[0];
        float bestScore = float.NegativeInfinity;
        foreach (int h in used)
        {
            float s = VectorSearch.Dot(reader.Vector(h), target);
            if (s > bestScore) { bestScore = s; best = h; }
        }
        return best;
    }
}
