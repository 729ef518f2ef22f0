using LuceneReco.LoadTest;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// A fact that needs the host's own build output (<c>host/LuceneReco.Host/bin/CONFIGURATION/</c>), which <c>dotnet pack
/// --no-build</c> packs; skipped, saying so, where it is missing (the test assembly was copied or built alone).
/// </summary>
internal sealed class RequiresPackableHostFactAttribute : FactAttribute
{
    public RequiresPackableHostFactAttribute()
    {
        if (ToolInstallTests.PackProblem() is { } why) Skip = why;
    }
}
