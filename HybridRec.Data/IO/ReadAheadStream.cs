using System.Collections.Concurrent;

namespace HybridRec.Data.IO;

/// <summary>
/// Reads an inner stream (typically a zip entry being decompressed) on a background thread, a few blocks ahead
/// of the consumer, so decompression and parsing use two cores. Errors of the inner stream surface on the
/// consumer's next read. Forward-only. Memory is bounded whatever the entry declares: at most
/// <c>BlocksAhead + 2</c> blocks of 1 MiB, made only as the data needs them.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int BlockSize = 1 << 20;
    private const int BlocksAhead = 4;
    private const int MaxBlocks = BlocksAhead + 2;

    private readonly Stream _inner;
    private readonly BlockingCollection<(byte[] Buffer, int Count)> _blocks = new(BlocksAhead);
    private readonly BlockingCollection<byte[]> _free = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task _producer;
    private Exception? _error;
    private byte[]? _current;
    private int _currentCount;
    private int _currentPos;
    private bool _done;
    private long _position;
    private int _blocksMade;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = Task.Factory.StartNew(Produce, TaskCreationOptions.LongRunning);
    }

    private void Produce()
    {
        try
        {
            while (!_cancel.IsCancellationRequested)
            {
                // Recycled: no garbage per block; a new block only while fewer than MaxBlocks exist.
                if (!_free.TryTake(out var buffer))
                {
                    if (_blocksMade < MaxBlocks)
                    {
                        buffer = new byte[BlockSize];
                        _blocksMade++;
                    }
                    else
                    {
                        buffer = _free.Take(_cancel.Token);
                    }
                }
                int filled = 0;
                while (filled < buffer.Length)
                {
                    int n = _inner.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0) break;
                    filled += n;
                }
                if (filled == 0) break;
                _blocks.Add((buffer, filled), _cancel.Token);
                if (filled < buffer.Length) break;
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            _blocks.CompleteAdding();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        while (_current is null || _currentPos == _currentCount)
        {
            if (_done) return 0;
            if (_current is not null)
            {
                _free.Add(_current);
                _current = null;
            }
            if (_blocks.TryTake(out var block, Timeout.Infinite))
            {
                _current = block.Buffer;
                _currentCount = block.Count;
                _currentPos = 0;
            }
            else
            {
                _done = true;
                if (_error is not null) throw new IOException("reading the compressed entry failed: " + _error.Message, _error);
                return 0;
            }
        }
        int n = Math.Min(buffer.Length, _currentCount - _currentPos);
        _current.AsSpan(_currentPos, n).CopyTo(buffer);
        _currentPos += n;
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancel.Cancel();
            try { _producer.Wait(); } catch (AggregateException) { }
            _inner.Dispose();
            _blocks.Dispose();
            _free.Dispose();
            _cancel.Dispose();
        }
        base.Dispose(disposing);
    }
}
