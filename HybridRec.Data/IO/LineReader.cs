namespace HybridRec.Data.IO;

/// <summary>
/// Reads lines of bytes from a stream without decoding them: LF or CRLF line ends, a last line with or without a
/// line end, a UTF-8 byte order mark at the start skipped. <see cref="LineNumber"/> is the 1-based number of the
/// line last returned, counting every line (blank ones too).
/// </summary>
internal sealed class LineReader : IDisposable
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public LineReader(Stream stream, bool leaveOpen = false, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[bufferSize];
    }

    /// <summary>1-based number of the line last returned; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line (without its line end); false at the end of the input.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            if (_first && (_end - _start >= 3 || _eof))
            {
                _first = false;
                if (_buffer.AsSpan(_start, _end - _start).StartsWith(Utf8Bom)) _start += 3;
            }
            if (!_first)
            {
                var available = _buffer.AsSpan(_start, _end - _start);
                int nl = available.IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    line = TrimCr(available[..nl]);
                    _start += nl + 1;
                    LineNumber++;
                    return true;
                }
                if (_eof)
                {
                    if (available.Length == 0)
                    {
                        line = default;
                        return false;
                    }
                    line = TrimCr(available);
                    _start = _end;
                    LineNumber++;
                    return true;
                }
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Whether a line is empty or only spaces and tabs.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0;

    /// <summary>Counts the lines of a stream: line ends, plus one for a last line without one.</summary>
    public static long CountLines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long lines = 0;
        int n;
        byte last = (byte)'\n';
        bool any = false;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
            any = true;
        }
        return any && last != (byte)'\n' ? lines + 1 : lines;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
