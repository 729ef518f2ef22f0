using LuceneReco.Host.Experiments;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>Theories name the method as a string (the enum is internal, a public test method cannot take it).</summary>
internal static class Methods
{
    public static InterleavingMethod Parse(string name) => name switch
    {
        "teamDraft" => InterleavingMethod.TeamDraft,
        "balanced" => InterleavingMethod.Balanced,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "teamDraft or balanced"),
    };
}
