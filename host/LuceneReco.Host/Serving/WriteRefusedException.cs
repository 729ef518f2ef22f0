namespace LuceneReco.Host.Serving;

/// <summary>
/// A write the server could not make durable, answered with <see cref="StatusCode"/>: 507 when the disk is full, 503 when
/// the index or store cannot take writes for another reason. Nothing of the request was acknowledged or kept, every
/// earlier acknowledged write is intact, and writes resume by themselves when the cause is gone.
/// </summary>
internal sealed class WriteRefusedException : Exception
{
    private WriteRefusedException(int statusCode, string message, Exception? inner, string? where = null) : base(message, inner)
    {
        StatusCode = statusCode;
        Where = where;
    }

    /// <summary>507 Insufficient Storage or 503 Service Unavailable.</summary>
    public int StatusCode { get; }

    /// <summary>The server's folder concerned, for the server's log only: the message a client gets never names the server's paths.</summary>
    public string? Where { get; }

    /// <summary>The disk under <paramref name="folder"/>, which holds <paramref name="what"/>, is full (507).</summary>
    public static WriteRefusedException DiskFull(string folder, string what, Exception? inner) =>
        new(507, $"the disk holding {what} is full, so nothing of this request was written (earlier writes are intact); free space there and retry", inner, folder);

    /// <summary>
    /// An erasure whose rows are deleted but whose old copies could not yet be cleared from the store's write-ahead log
    /// because a reader (e.g. a training run) kept it busy (503). Repeating the erasure is safe and finishes it.
    /// </summary>
    public static WriteRefusedException ErasureUnfinished(int events, Exception? inner) =>
        new(503, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the user's {events} events are deleted, but a reader of the interaction store (e.g. a training run) kept its write-ahead log busy, so earlier copies of them remain on disk until the next erasure or a clean stop; erase again shortly (repeating it is safe)"), inner);

    /// <summary><paramref name="what"/> cannot take writes now because of <paramref name="reason"/> (503).</summary>
    public static WriteRefusedException Unavailable(string what, string reason, Exception? inner, string? where = null) =>
        new(503, $"{what} cannot take writes now ({reason}), so nothing of this request was written (earlier writes are intact); retry later", inner, where);
}
