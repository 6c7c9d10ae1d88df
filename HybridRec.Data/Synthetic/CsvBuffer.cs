using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace HybridRec.Data.Synthetic;

/// <summary>
/// A growable byte buffer for CSV text, formatting numbers straight to UTF-8 (no strings per line).
/// Backed by <see cref="ArrayPool{T}"/>; <see cref="Dispose"/> returns the array.
/// </summary>
internal sealed class CsvBuffer : IDisposable
{
    private static readonly byte[][] StarText =
        [.. Enumerable.Range(1, 10).Select(i => Encoding.ASCII.GetBytes((i * 0.5).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))];

    private byte[] _data;

    /// <summary>Creates a buffer with room for <paramref name="capacity"/> bytes.</summary>
    public CsvBuffer(int capacity) => _data = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written.</summary>
    public ReadOnlySpan<byte> Written => _data.AsSpan(0, Length);

    /// <summary>Forgets the content, keeping the array.</summary>
    public void Clear() => Length = 0;

    /// <summary>Makes room for at least <paramref name="bytes"/> more bytes.</summary>
    public void Reserve(int bytes)
    {
        if (_data.Length - Length >= bytes) return;
        long wanted = Math.Max((long)_data.Length * 2, (long)Length + bytes);
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
        _data.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_data);
        _data = bigger;
    }

    /// <summary>Appends a non-negative or negative integer in decimal.</summary>
    public void Append(long value)
    {
        Reserve(20);
        Utf8Formatter.TryFormat(value, _data.AsSpan(Length), out int written);
        Length += written;
    }

    /// <summary>Appends one ASCII byte.</summary>
    public void Append(byte ascii)
    {
        Reserve(1);
        _data[Length++] = ascii;
    }

    /// <summary>Appends raw bytes.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends a string as UTF-8.</summary>
    public void Append(string text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, _data.AsSpan(Length));
    }

    /// <summary>Appends a rating given as half-star steps 1..10 (0.5..5.0), MovieLens style: <c>4.0</c>, <c>3.5</c>.</summary>
    public void AppendStars(int halfSteps) => Append(StarText[halfSteps - 1]);

    /// <summary>Writes the content to <paramref name="stream"/> and clears the buffer.</summary>
    public void FlushTo(Stream stream)
    {
        stream.Write(_data, 0, Length);
        Length = 0;
    }

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        if (_data.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_data);
        _data = [];
        Length = 0;
    }
}
