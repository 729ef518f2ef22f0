using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// Asks every loaded plugin that implements <see cref="IPluginHealth"/> what is wrong with the state it serves from (a
/// damaged model file that is the only version, a newer version that does not load), for <c>GET /health</c>. The
/// plugins are held through one <see cref="IRankerCatalog.Snapshot"/> while asked, so none unloads mid-call; a plugin
/// whose check throws is reported as a problem itself, never fatal.
/// </summary>
internal static class PluginHealthProbe
{
    /// <summary>One line per problem, each starting with the plugin's name; empty when every plugin is well.</summary>
    public static IReadOnlyList<string> Problems(IRankerCatalog catalog)
    {
        var problems = new List<string>();
        using var set = catalog.Snapshot();
        var asked = new HashSet<IPluginHealth>(ReferenceEqualityComparer.Instance);
        foreach (var status in catalog.List())
        {
            if (set.Find(status.Name)?.Plugin is not IPluginHealth plugin || !asked.Add(plugin)) continue;
            try
            {
                foreach (var problem in plugin.HealthProblems() ?? []) if (!string.IsNullOrWhiteSpace(problem)) problems.Add(problem);
            }
            catch (Exception e) // plugin code: whatever its check throws is its problem, reported
            {
                problems.Add($"{status.Name}: its health check threw {e.GetType().Name}: {e.Message}");
            }
        }
        return problems;
    }
}
