namespace LuceneReco.Host.Serving;

/// <summary>
/// The serving process's memory as <c>GET /metrics</c> reports it, to watch a long-running server (for
/// example that replaced plugin versions are unloaded: the managed heap and the assembly count stay flat).
/// </summary>
/// <param name="WorkingSetBytes">Physical memory mapped to the process (<see cref="Environment.WorkingSet"/>; RSS on Linux).</param>
/// <param name="GcHeapBytes">The managed heap's size after the last garbage collection (<see cref="GCMemoryInfo.HeapSizeBytes"/>; before the first one, the bytes allocated so far).</param>
/// <param name="Gen2Collections">Full collections since start; an unloaded plugin context is freed by one of these.</param>
/// <param name="LoadedAssemblies">Assemblies in the process, including those of unloaded plugin contexts not yet collected.</param>
internal sealed record ProcessFigures(long WorkingSetBytes, long GcHeapBytes, int Gen2Collections, int LoadedAssemblies)
{
    /// <summary>The figures now.</summary>
    public static ProcessFigures Now()
    {
        var lastGc = GC.GetGCMemoryInfo();
        return new ProcessFigures(
            Environment.WorkingSet,
            lastGc.Index == 0 ? GC.GetTotalMemory(forceFullCollection: false) : lastGc.HeapSizeBytes,
            GC.CollectionCount(2),
            AppDomain.CurrentDomain.GetAssemblies().Length);
    }
}
