using System.Globalization;
using Xunit.Sdk;

namespace LuceneReco.Index.Tests.Search;

/// <summary>
/// Seeded randomness for property tests: the body gets a <see cref="Random"/> built from the seed, and a
/// failure is re-thrown with the seed in its message, so it can be replayed with <c>LR_TEST_SEED=&lt;seed&gt;</c>.
/// Tests pass fixed seeds (deterministic runs); setting <c>LR_TEST_SEED</c> replaces them with that one.
/// </summary>
internal static class Seeded
{
    /// <summary>Runs <paramref name="body"/> with the seed (or the LR_TEST_SEED override), naming it when the body fails.</summary>
    public static void Run(int seed, Action<Random> body)
    {
        if (Environment.GetEnvironmentVariable("LR_TEST_SEED") is { Length: > 0 } forced)
            seed = int.Parse(forced, CultureInfo.InvariantCulture);
        try
        {
            body(new Random(seed));
        }
        catch (Exception e)
        {
            throw new XunitException($"Failed with seed {seed} (replay: LR_TEST_SEED={seed}).\n{e.Message}", e);
        }
    }
}
