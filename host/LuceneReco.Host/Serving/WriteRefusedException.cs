namespace LuceneReco.Host.Serving;

/// <summary>
/// A write the server could not make durable, answered with <see cref="StatusCode"/>: 507 when the disk is full, 503 when
/// the index or store cannot take writes for another reason. Nothing of the request was acknowledged or kept, every
/// earlier acknowledged write is intact, and writes resume by themselves when the cause is gone.
/// </summary>
internal sealed class WriteRefusedException : Exception
{
    private WriteRefusedException(int statusCode, string message, Exception? inner) : base(message, inner) => StatusCode = statusCode;

    /// <summary>507 Insufficient Storage or 503 Service Unavailable.</summary>
    public int StatusCode { get; }

    /// <summary>The disk under <paramref name="folder"/>, which holds <paramref name="what"/>, is full (507).</summary>
    public static WriteRefusedException DiskFull(string folder, string what, Exception? inner) =>
        new(507, $"the disk holding {what} ('{folder}') is full, so nothing of this request was written (earlier writes are intact); free space there and retry", inner);

    /// <summary><paramref name="what"/> cannot take writes now because of <paramref name="reason"/> (503).</summary>
    public static WriteRefusedException Unavailable(string what, string reason, Exception? inner) =>
        new(503, $"{what} cannot take writes now ({reason}), so nothing of this request was written (earlier writes are intact); retry later", inner);
}
