namespace LuceneReco.LoadTest;

/// <summary>What the soak's writers measured.</summary>
/// <param name="Put">Latency of <c>PUT /items</c>.</param>
/// <param name="Events">Latency of <c>POST /events</c>.</param>
/// <param name="Acknowledged">Items the server answered 200 for.</param>
/// <param name="Lost">Acknowledged items <c>GET /items/{id}</c> did not find after the load (should be none).</param>
/// <param name="SegmentsAtStart">Index segments before the load.</param>
/// <param name="SegmentsAtEnd">Index segments after it (merges keep it bounded).</param>
public sealed record SoakWrites(LatencySummary Put, LatencySummary Events, int Acknowledged, IReadOnlyList<string> Lost, int SegmentsAtStart, int SegmentsAtEnd);
