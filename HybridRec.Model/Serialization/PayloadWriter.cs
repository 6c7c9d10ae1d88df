using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace HybridRec.Model.Serialization;

/// <summary>
/// Writes a model file's payload to a stream through a 64 KiB buffer, synchronously or asynchronously (one code
/// path: with <c>async</c> off every write completes synchronously), hashing each byte (SHA-256); or, without a
/// stream, only counts the bytes (the header states the payload's length before the payload). Values are
/// little-endian; strings as <see cref="BinaryWriter.Write(string)"/> writes them (7-bit encoded byte count, UTF-8).
/// </summary>
internal sealed class PayloadWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream? _stream;
    private readonly bool _async;
    private readonly CancellationToken _cancellationToken;
    private readonly IncrementalHash? _hash;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _count;
    private long _flushed;

    private PayloadWriter(Stream? stream, bool async, CancellationToken cancellationToken)
    {
        _stream = stream;
        _async = async;
        _cancellationToken = cancellationToken;
        _hash = stream is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>A writer that counts the payload's bytes without writing them.</summary>
    public static PayloadWriter Counting() => new(null, false, default);

    /// <summary>A writer to <paramref name="stream"/>.</summary>
    public static PayloadWriter To(Stream stream, bool async, CancellationToken cancellationToken) => new(stream, async, cancellationToken);

    /// <summary>Bytes written (or counted) so far.</summary>
    public long Length => _flushed + _count;

    /// <summary>A little-endian int32.</summary>
    public async ValueTask WriteInt32Async(int value)
    {
        if (BufferSize - _count < 4) await FlushAsync();
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_count), value);
        _count += 4;
    }

    /// <summary>A little-endian float32.</summary>
    public async ValueTask WriteSingleAsync(float value)
    {
        if (BufferSize - _count < 4) await FlushAsync();
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_count), value);
        _count += 4;
    }

    /// <summary>A string: its UTF-8 byte count (7-bit encoded) and bytes.</summary>
    public async ValueTask WriteStringAsync(string value)
    {
        int bytes = Utf8.GetByteCount(value);
        for (uint v = (uint)bytes; ; v >>= 7)
        {
            if (BufferSize - _count < 1) await FlushAsync();
            _buffer[_count++] = (byte)(v < 0x80 ? v : (v & 0x7F) | 0x80);
            if (v < 0x80) break;
        }
        if (_stream is null)
        {
            _flushed += bytes;
            return;
        }
        if (bytes > BufferSize)
        {
            await WriteValuesAsync(Utf8.GetBytes(value));
            return;
        }
        if (BufferSize - _count < bytes) await FlushAsync();
        _count += Utf8.GetBytes(value, _buffer.AsSpan(_count));
    }

    /// <summary>An int32 count followed by the strings.</summary>
    public async ValueTask WriteStringsAsync(IReadOnlyList<string> values)
    {
        await WriteInt32Async(values.Count);
        foreach (var s in values) await WriteStringAsync(s);
    }

    /// <summary>An int32 length followed by the int32 values.</summary>
    public async ValueTask WriteInt32sAsync(int[] values)
    {
        await WriteInt32Async(values.Length);
        await WriteValuesAsync(values);
    }

    /// <summary>An int32 length followed by the float32 values.</summary>
    public async ValueTask WriteSinglesAsync(float[] values)
    {
        await WriteInt32Async(values.Length);
        await WriteValuesAsync(values);
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public async ValueTask FlushAsync()
    {
        if (_stream is not null && _count > 0)
        {
            _hash!.AppendData(_buffer, 0, _count);
            if (_async) await _stream.WriteAsync(_buffer.AsMemory(0, _count), _cancellationToken);
            else _stream.Write(_buffer, 0, _count);
        }
        _flushed += _count;
        _count = 0;
    }

    /// <summary>The SHA-256 of everything written; call after <see cref="FlushAsync"/>.</summary>
    public byte[] Hash() => _hash?.GetHashAndReset() ?? throw new InvalidOperationException("a counting writer has no hash.");

    /// <inheritdoc />
    public void Dispose() => _hash?.Dispose();

    private async ValueTask WriteValuesAsync<T>(T[] values) where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (_stream is null)
        {
            _flushed += (long)values.Length * size;
            return;
        }
        int done = 0;
        while (done < values.Length)
        {
            if (BufferSize - _count < size) await FlushAsync();
            int take = Math.Min((BufferSize - _count) / size, values.Length - done);
            Encode<T>(values.AsSpan(done, take), _buffer.AsSpan(_count, take * size));
            _count += take * size;
            done += take;
        }
    }

    private static void Encode<T>(ReadOnlySpan<T> source, Span<byte> destination) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(source);
        bytes.CopyTo(destination);
        if (!BitConverter.IsLittleEndian && bytes.Length != source.Length)
        {
            var words = MemoryMarshal.Cast<byte, int>(destination);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
