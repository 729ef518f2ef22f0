using System.Globalization;
using Xunit.Sdk;

namespace LuceneReco.Index.Tests.Search;

/// <summary>
/// Seeded randomness for property tests: the body gets a <see cref="Random"/> built from the seed, and a
/// failure is re-thrown with the seed in its message (<see cref="TestSeed.Describe"/>). Tests pass fixed seeds,
/// so runs are deterministic; setting <c>LR_TEST_SEED</c> replaces them with that one to replay or explore.
/// </summary>
internal static class Seeded
{
    /// <summary>Runs <paramref name="body"/> with the seed (or the LR_TEST_SEED override), naming it when the body fails.</summary>
    public static void Run(int seed, Action<Random> body)
    {
        if (Environment.GetEnvironmentVariable(TestSeed.Variable) is { Length: > 0 } forced)
            seed = int.Parse(forced, NumberStyles.Integer, CultureInfo.InvariantCulture);
        try
        {
            body(new Random(seed));
        }
        catch (Exception e)
        {
            throw new XunitException($"Failed with {TestSeed.Describe(seed)}.\n{e.Message}", e);
        }
    }
}
