using System.Text;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>
/// Tiny ONNX models written by the test itself (the protobuf wire format by hand: no onnx package is served here):
/// <c>y = x · W + b</c> as MatMul then Add, input <c>x</c> float [N, F] (N symbolic), output <c>y</c> float [N, 1], opset 13.
/// </summary>
internal static class OnnxModels
{
    public static byte[] Linear(float[] weights, float bias)
    {
        int f = weights.Length;
        byte[] graph = Concat(
            Bytes(1, Node(["x", "W"], ["m"], "matmul", "MatMul")),
            Bytes(1, Node(["m", "B"], ["y"], "add", "Add")),
            Text(2, "linear"),
            Bytes(5, Tensor("W", [f, 1], weights)),
            Bytes(5, Tensor("B", [1], [bias])),
            Bytes(11, ValueInfo("x", [null, f])),
            Bytes(12, ValueInfo("y", [null, 1])));
        return Concat(
            Varint(1, 8),                                   // ir_version
            Text(2, "lucenereco-tests"),                    // producer_name
            Bytes(8, Concat(Text(1, ""), Varint(2, 13))),   // opset_import: the default domain, version 13
            Bytes(7, graph));
    }

    private static byte[] Node(string[] inputs, string[] outputs, string name, string op) =>
        Concat([.. inputs.Select(i => Text(1, i)), .. outputs.Select(o => Text(2, o)), Text(3, name), Text(4, op)]);

    private static byte[] Tensor(string name, long[] dims, float[] values)
    {
        var data = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, data, 0, data.Length);
        return Concat([.. dims.Select(d => Varint(1, (ulong)d)), Varint(2, 1), Bytes(4, data), Text(8, name)]); // data_type 1 = FLOAT
    }

    /// <summary>A float tensor's value info; a null dimension is the symbolic "N".</summary>
    private static byte[] ValueInfo(string name, int?[] dims)
    {
        byte[] shape = Concat([.. dims.Select(d => Bytes(1, d is int v ? Varint(1, (ulong)v) : Text(2, "N")))]);
        byte[] tensorType = Concat(Varint(1, 1), Bytes(2, shape));
        return Concat(Text(1, name), Bytes(2, Bytes(1, tensorType)));
    }

    private static byte[] Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => Concat(Raw((ulong)(field << 3 | 2)), Raw((ulong)value.Length), value);

    private static byte[] Varint(int field, ulong value) => Concat(Raw((ulong)(field << 3)), Raw(value));

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
