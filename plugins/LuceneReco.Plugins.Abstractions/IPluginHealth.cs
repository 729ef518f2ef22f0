namespace LuceneReco.Plugins;

/// <summary>
/// A plugin that can say what is wrong with the state it serves from, so <c>GET /health</c> reports it truthfully
/// instead of "ok" while every request skips the plugin's stage: a model file that is damaged and the only version
/// (nothing of that kind is loaded), or a newer version that failed to load while an older one keeps serving.
/// </summary>
/// <remarks>
/// The host calls <see cref="HealthProblems"/> on every <c>/health</c> request, so it must be cheap (no file read beyond
/// what the plugin's own polling does) and should not throw; a plugin that throws is reported as a problem itself.
/// A problem clears by itself once the cause is fixed (a good version is written, the damaged file removed).
/// </remarks>
public interface IPluginHealth
{
    /// <summary>One sentence per problem, naming the file or folder concerned; empty when all is well.</summary>
    IReadOnlyList<string> HealthProblems();
}
