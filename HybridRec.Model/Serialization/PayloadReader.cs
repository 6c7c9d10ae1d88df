using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace HybridRec.Model.Serialization;

/// <summary>
/// Reads the payload of a model file from a stream, synchronously or asynchronously (one code path: with
/// <c>async</c> off every read completes synchronously), hashing each payload byte as it arrives (SHA-256) and never
/// reading past the payload's declared length. Every length is checked against the bytes the payload has left before
/// anything is allocated; when the declared length is not known to be backed by the stream (a stream that cannot
/// seek), arrays grow as their bytes arrive instead of being allocated at their declared size, so memory follows the
/// bytes actually read. Values are little-endian; strings are BinaryWriter's (7-bit encoded byte count, UTF-8).
/// </summary>
internal sealed class PayloadReader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int FirstChunk = 1 << 14;   // elements allocated first when a length is not backed by the stream
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly long _length;
    private readonly bool _lengthBacked, _async;
    private readonly CancellationToken _cancellationToken;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start, _end;
    private long _unfetched;

    /// <summary>Reads a payload of <paramref name="length"/> bytes from the current position of <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream, positioned after the header.</param>
    /// <param name="length">The payload's declared length.</param>
    /// <param name="lengthBacked">Whether the stream is known to hold at least that many bytes (a seekable stream, checked).</param>
    /// <param name="async">Read with <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels asynchronous reads.</param>
    public PayloadReader(Stream stream, long length, bool lengthBacked, bool async, CancellationToken cancellationToken)
    {
        _stream = stream;
        _length = length;
        _unfetched = length;
        _lengthBacked = lengthBacked;
        _async = async;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The field being read, for messages (e.g. <c>user ids</c>).</summary>
    public string Field { get; set; } = "";

    /// <summary>Payload bytes consumed.</summary>
    public long Position => _length - Remaining;

    /// <summary>Payload bytes not yet consumed.</summary>
    public long Remaining => _unfetched + (_end - _start);

    /// <summary>Payload bytes fetched from the stream so far.</summary>
    public long Fetched => _length - _unfetched;

    /// <summary>A problem with the field being read.</summary>
    public ModelFileProblem Problem(string text) => new($"{Field} (payload byte {Position:N0}): {text}");

    /// <summary>A little-endian int32.</summary>
    public async ValueTask<int> ReadInt32Async()
    {
        await EnsureAsync(4);
        int value = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
        _start += 4;
        return value;
    }

    /// <summary>A little-endian float32.</summary>
    public async ValueTask<float> ReadSingleAsync()
    {
        await EnsureAsync(4);
        float value = BinaryPrimitives.ReadSingleLittleEndian(_buffer.AsSpan(_start));
        _start += 4;
        return value;
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it; its bytes must be valid UTF-8.</summary>
    public async ValueTask<string> ReadStringAsync()
    {
        int bytes = await Read7BitEncodedLengthAsync();
        if (bytes > Remaining) throw Problem($"a string of {bytes:N0} bytes does not fit the {Remaining:N0} bytes left");
        try
        {
            if (bytes <= BufferSize)
            {
                await EnsureAsync(bytes);
                string s = StrictUtf8.GetString(_buffer, _start, bytes);
                _start += bytes;
                return s;
            }
            return StrictUtf8.GetString(await ReadValuesAsync<byte>(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw Problem("a string is not valid UTF-8");
        }
    }

    /// <summary>An int32 count followed by that many strings.</summary>
    public async ValueTask<string[]> ReadStringsAsync()
    {
        int n = await ReadCountAsync(1);
        var values = new List<string>(Math.Min(n, FirstChunk));
        for (int i = 0; i < n; i++) values.Add(await ReadStringAsync());
        return values.ToArray();
    }

    /// <summary>An int32 length followed by that many int32 values.</summary>
    public async ValueTask<int[]> ReadInt32sAsync() => await ReadValuesAsync<int>(await ReadCountAsync(4));

    /// <summary>An int32 length followed by that many float32 values.</summary>
    public async ValueTask<float[]> ReadSinglesAsync() => await ReadValuesAsync<float>(await ReadCountAsync(4));

    /// <summary>An int32 count of items of at least <paramref name="minItemBytes"/> bytes each, checked against the bytes left.</summary>
    public async ValueTask<int> ReadCountAsync(int minItemBytes)
    {
        int n = await ReadInt32Async();
        if (n < 0) throw Problem($"negative length {n}");
        if ((long)n * minItemBytes > Remaining)
            throw Problem($"length {n:N0} needs at least {(long)n * minItemBytes:N0} bytes but {Remaining:N0} are left");
        return n;
    }

    /// <summary>Consumes (and hashes) what is left of the payload, in bounded memory.</summary>
    public async ValueTask SkipRestAsync()
    {
        while (_unfetched > 0)
        {
            _start = _end;
            await FillAsync();
        }
        _start = _end;
    }

    /// <summary>The SHA-256 of the payload; call when all of it has been consumed.</summary>
    public byte[] Hash() => _hash.GetHashAndReset();

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();

    // n values of 1 or 4 bytes (length already checked against the bytes left), copied out of the buffer.
    private async ValueTask<T[]> ReadValuesAsync<T>(int n) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        var values = new T[_lengthBacked ? n : Math.Min(n, FirstChunk)];
        int filled = 0;
        while (filled < n)
        {
            if (filled == values.Length) Array.Resize(ref values, (int)Math.Min(n, 2L * values.Length));
            if (_end - _start < size) await EnsureAsync(size);
            int take = Math.Min((_end - _start) / size, values.Length - filled);
            Decode(_buffer.AsSpan(_start, take * size), values.AsSpan(filled, take));
            _start += take * size;
            filled += take;
        }
        return values;
    }

    private static void Decode<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        source.CopyTo(bytes);
        if (!BitConverter.IsLittleEndian && bytes.Length != destination.Length)
        {
            var words = MemoryMarshal.Cast<byte, int>(bytes);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    // BinaryReader's 7-bit encoded non-negative int32: at most 5 bytes, the fifth at most 0x07.
    private async ValueTask<int> Read7BitEncodedLengthAsync()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            await EnsureAsync(1);
            byte b = _buffer[_start++];
            if (shift == 28 && b > 0x07) throw Problem("a string's length prefix is malformed");
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (int)value;
        }
        throw Problem("a string's length prefix is malformed");
    }

    // At least `count` (≤ BufferSize) bytes buffered, or a problem when the payload ends first.
    private async ValueTask EnsureAsync(int count)
    {
        if (_end - _start >= count) return;
        if (count > Remaining) throw Problem($"the payload ends {Remaining:N0} bytes on, inside this field");
        while (_end - _start < count) await FillAsync();
    }

    // Moves what is buffered to the front and reads more of the payload behind it.
    private async ValueTask FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int want = (int)Math.Min(BufferSize - _end, _unfetched);
        if (want == 0) return;
        int n = _async
            ? await _stream.ReadAsync(_buffer.AsMemory(_end, want), _cancellationToken)
            : _stream.Read(_buffer, _end, want);
        if (n == 0) throw new EndOfStreamException();
        _hash.AppendData(_buffer, _end, n);
        _end += n;
        _unfetched -= n;
    }
}
