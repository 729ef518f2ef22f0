namespace LuceneReco.LoadTest;

/// <summary>One sample of the server's memory.</summary>
/// <param name="Seconds">Since the load started.</param>
/// <param name="Phase">"load" (clients and reloads running), "settle" (idle after them) or "after full GC" (induced at the end).</param>
/// <param name="RssBytes">VmRSS from /proc/&lt;pid&gt;/status (null without /proc).</param>
/// <param name="GcHeapBytes">The server's managed heap after its last GC (<c>/metrics</c> process.gcHeapBytes).</param>
/// <param name="Gen2Collections">The server's full GCs so far.</param>
/// <param name="LoadedAssemblies">Assemblies in the server, including unloaded plugin contexts not yet collected.</param>
public sealed record MemorySample(double Seconds, string Phase, long? RssBytes, long GcHeapBytes, int Gen2Collections, int LoadedAssemblies);
