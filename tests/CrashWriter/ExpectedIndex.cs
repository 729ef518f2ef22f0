namespace LuceneReco.CrashWriter;

/// <summary>
/// A model of what the index holds after batches 1..<see cref="Batch"/> of <see cref="CrashWorkload"/>:
/// every live id and the batch that last wrote it (its <c>version</c>), and which batch set the vector of each
/// live document that has one (an update drops the vector).
/// </summary>
public sealed class ExpectedIndex(int seed)
{
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _vectors = new(StringComparer.Ordinal);

    /// <summary>Live id with a vector -> the batch whose step set it (see <see cref="CrashWorkload.VectorOf"/>).</summary>
    public IReadOnlyDictionary<string, int> Vectors => _vectors;

    /// <summary>The workload's seed.</summary>
    public int Seed => seed;

    /// <summary>The last batch applied; 0 for the empty index.</summary>
    public int Batch { get; private set; }

    /// <summary>Live id -> version.</summary>
    public IReadOnlyDictionary<string, int> Versions => _versions;

    /// <summary>Applies batches up to and including <paramref name="batch"/> (which may not go back).</summary>
    public void AdvanceTo(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, Batch);
        while (Batch < batch)
        {
            Batch++;
            foreach (var op in CrashWorkload.Plan(seed, Batch)) Apply(op);
        }
    }

    private void Apply(BatchOp op)
    {
        switch (op.Kind)
        {
            case BatchOpKind.Add:
                if (!_versions.TryAdd(op.Key, op.Batch))
                    throw new InvalidOperationException($"The workload adds '{op.Key}' twice (batch {op.Batch}).");
                break;
            case BatchOpKind.Update:
                _versions[op.Key] = op.Batch;
                _vectors.Remove(op.Key);
                break;
            case BatchOpKind.Delete:
                _versions.Remove(op.Key);
                _vectors.Remove(op.Key);
                break;
            case BatchOpKind.Vector:
                if (_versions.ContainsKey(op.Key)) _vectors[op.Key] = op.Batch;
                break;
            case BatchOpKind.DeleteByTag:
                foreach (var id in _versions.Where(kv => kv.Key != CrashWorkload.MarkerId && CrashWorkload.Tag(kv.Value) == op.Key).Select(kv => kv.Key).ToList())
                {
                    _versions.Remove(id);
                    _vectors.Remove(id);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "unknown operation");
        }
    }
}
