using System.IO.Hashing;

namespace HybridRec.Data.IO;

/// <summary>
/// Reads one file of a release and stops it at the first byte past its bounds, with a
/// <see cref="DatasetFormatException"/> naming the file (and the line, for a line too long): more bytes than
/// <see cref="InputLimits.MaxFileBytes"/>, a line longer than <see cref="InputLimits.MaxLineLength"/>, or
/// compressed data that cannot be decoded. A long line is never materialised: the bytes up to the limit are passed
/// on (so every earlier line is parsed, and its errors come first) and the next read throws. Lines end at LF (a CR
/// before it counts as part of the line). A zip entry read to its end must also match the length and CRC-32 its
/// archive declares (.NET checks neither: it cuts an entry at its declared length and passes altered bytes on).
/// </summary>
internal sealed class GuardedStream : Stream
{
    private readonly Stream _inner;
    private readonly string _file;
    private readonly InputLimits _limits;
    private readonly DeclaredContent? _declared;
    private readonly Crc32? _crc;
    private long _read;
    private long _lineEnds;   // LF bytes passed on so far
    private long _lineLength; // bytes of the current line passed on so far
    private DatasetFormatException? _pending;

    /// <param name="inner">The file's bytes; disposed with this stream.</param>
    /// <param name="file">The file's display path, for messages.</param>
    /// <param name="limits">The bounds to enforce.</param>
    /// <param name="declared">What the container declares about the file (a zip entry), or null.</param>
    public GuardedStream(Stream inner, string file, InputLimits limits, DeclaredContent? declared = null)
    {
        _inner = inner;
        _file = file;
        _limits = limits;
        _declared = declared;
        _crc = declared is null ? null : new Crc32();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pending is not null) throw _pending;
        if (buffer.IsEmpty) return 0;
        int n = ReadInner(buffer);
        if (n == 0)
        {
            CheckDeclared();
            return 0;
        }
        _read += n;
        if (_read > _limits.MaxFileBytes)
            throw new DatasetFormatException(_file, 0, "", null,
                $"the file is larger than the limit of {_limits.MaxFileBytes:N0} bytes (MaxFileBytes)");
        if (_read > _declared?.Length)
            throw new DatasetFormatException(_file, 0, "", null,
                $"the archive entry holds more than the {_declared.Length:N0} bytes it declares: the archive is corrupt");
        _crc?.Append(buffer[..n]);
        int pass = Scan(buffer[..n]);
        if (pass == n) return n;
        if (pass == 0) throw _pending!;
        return pass;
    }

    /// <summary>At the end of a zip entry: its length and CRC-32 must be those declared.</summary>
    private void CheckDeclared()
    {
        if (_declared is null || _crc is null) return;
        uint crc = _crc.GetCurrentHashAsUInt32();
        if (_read != _declared.Length || crc != _declared.Crc32)
        {
            string what = _read != _declared.Length
                ? $"holds {_read:N0} bytes but declares {_declared.Length:N0}"
                : $"has CRC-32 0x{crc:X8} but declares 0x{_declared.Crc32:X8}";
            throw new DatasetFormatException(_file, 0, "", null, $"the archive entry {what}: the archive is corrupt");
        }
    }

    /// <summary>
    /// Accounts for the lines of <paramref name="data"/>; returns how many of its bytes to pass on: all of them, or
    /// those before the first line grows past the limit (then <see cref="_pending"/> holds the error).
    /// </summary>
    private int Scan(ReadOnlySpan<byte> data)
    {
        long max = _limits.MaxLineLength;
        int first = data.IndexOf((byte)'\n');
        if (first < 0)
        {
            if (_lineLength + data.Length > max) return Cut(0, _lineEnds + 1);
            _lineLength += data.Length;
            return data.Length;
        }
        if (_lineLength + first > max) return Cut(0, _lineEnds + 1);
        int last = data.LastIndexOf((byte)'\n');
        if (last - first - 1 > max) return ScanEachLine(data);
        long ends = data.Count((byte)'\n');
        long tail = data.Length - last - 1;
        _lineEnds += ends;
        if (tail > max)
        {
            _lineLength = 0;
            return Cut(last + 1, _lineEnds + 1);
        }
        _lineLength = tail;
        return data.Length;
    }

    /// <summary>The slow path of <see cref="Scan"/> for a chunk that may hold a whole line longer than the limit.</summary>
    private int ScanEachLine(ReadOnlySpan<byte> data)
    {
        long max = _limits.MaxLineLength;
        int pos = 0;
        while (true)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            int segment = nl < 0 ? data.Length - pos : nl;
            if (_lineLength + segment > max) return Cut(pos, _lineEnds + 1);
            if (nl < 0)
            {
                _lineLength += segment;
                return data.Length;
            }
            _lineEnds++;
            _lineLength = 0;
            pos += nl + 1;
        }
    }

    /// <summary>
    /// Records the too-long-line error of <paramref name="line"/>, which continues at <paramref name="at"/> of the
    /// chunk after the <see cref="_lineLength"/> bytes already passed on; returns the bytes to pass: up to the limit.
    /// </summary>
    private int Cut(int at, long line)
    {
        _pending = new DatasetFormatException(_file, line, "", null,
            $"line longer than {_limits.MaxLineLength:N0} characters (MaxLineLength, counted in bytes; lines end at LF or CRLF)");
        return at + (int)Math.Max(0, _limits.MaxLineLength - _lineLength);
    }

    private int ReadInner(Span<byte> buffer)
    {
        try
        {
            return _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
        catch (IOException e) when (e.InnerException is InvalidDataException inner)
        {
            throw Corrupt(inner);
        }
    }

    private DatasetFormatException Corrupt(InvalidDataException e) =>
        new(_file, 0, "", null, $"the compressed data cannot be decoded after {_read:N0} bytes (line {_lineEnds + 1}): {e.Message}", e);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
