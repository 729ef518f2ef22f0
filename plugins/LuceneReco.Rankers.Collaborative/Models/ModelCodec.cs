using System.Runtime.InteropServices;
using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>Little-endian binary encodings shared by the model payloads. Array lengths are checked against the bytes left, so a bad length cannot cause a huge allocation.</summary>
internal static class ModelCodec
{
    public static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static int[] ReadInts(BinaryReader r)
    {
        var values = new int[ReadLength(r, sizeof(int))];
        ReadExactly(r, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[ReadLength(r, sizeof(float))];
        ReadExactly(r, MemoryMarshal.AsBytes(values.AsSpan()));
        foreach (float v in values)
            if (!float.IsFinite(v)) throw new InvalidDataException("a stored number is not finite");
        return values;
    }

    public static void WriteIds(BinaryWriter w, IdMap ids)
    {
        w.Write(ids.Count);
        foreach (string id in ids.Ids) w.Write(id);
    }

    public static IdMap ReadIds(BinaryReader r)
    {
        int count = ReadLength(r, 1);
        var ids = new string[count];
        for (int k = 0; k < count; k++) ids[k] = r.ReadString();
        try
        {
            return new IdMap(ids);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    public static void WriteMatrixOptions(BinaryWriter w, InteractionMatrixOptions o)
    {
        w.Write((byte)o.Aggregation);
        w.Write((byte)o.Scaling);
        w.Write(o.LogEpsilon);
        w.Write(o.MinWeight.HasValue);
        w.Write(o.MinWeight ?? 0);
    }

    public static InteractionMatrixOptions ReadMatrixOptions(BinaryReader r)
    {
        var o = new InteractionMatrixOptions
        {
            Aggregation = (WeightAggregation)r.ReadByte(),
            Scaling = (WeightScaling)r.ReadByte(),
            LogEpsilon = r.ReadDouble(),
        };
        bool hasMin = r.ReadBoolean();
        double min = r.ReadDouble();
        o = o with { MinWeight = hasMin ? min : null };
        if (o.Validate() is { Count: > 0 } errors) throw new InvalidDataException("stored matrix options are invalid: " + string.Join("; ", errors));
        return o;
    }

    private static int ReadLength(BinaryReader r, int elementSize)
    {
        int n = r.ReadInt32();
        long left = r.BaseStream.Length - r.BaseStream.Position;
        if (n < 0 || (long)n * elementSize > left)
            throw new InvalidDataException($"a stored length ({n}) exceeds the {left} bytes left at offset {r.BaseStream.Position - 4}");
        return n;
    }

    private static void ReadExactly(BinaryReader r, Span<byte> target) => r.BaseStream.ReadExactly(target);
}
