using System.Buffers;
using System.ComponentModel;

namespace EdgeDb.Internal;

/// <summary>
/// Reusable buffers that generated repositories serialize values into, so that a put allocates no
/// intermediate array. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueBuffers
{
    // Larger buffers are dropped after use rather than kept alive by an idle thread.
    private const int MaxRetainedCapacity = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_cached;

    /// <summary>An empty buffer for the calling thread; give it back with <see cref="Return"/>.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_cached ?? new ArrayBufferWriter<byte>(256);
        t_cached = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Gives a buffer from <see cref="Rent"/> back for reuse on this thread.</summary>
    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Capacity <= MaxRetainedCapacity)
        {
            buffer.ResetWrittenCount();
            t_cached = buffer;
        }
    }
}
