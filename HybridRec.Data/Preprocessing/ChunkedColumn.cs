namespace HybridRec.Data.Preprocessing;

/// <summary>
/// A growable column of primitive values stored in fixed 1M-element chunks, so growing never copies and the
/// peak memory while reading is the data plus one chunk. The first chunk starts small and doubles up to the full
/// size, so a short column costs memory in proportion to its values. <see cref="ToArray"/> copies into one
/// exact-size array and releases the chunks.
/// </summary>
internal sealed class ChunkedColumn<T> where T : unmanaged
{
    private const int ChunkShift = 20;
    private const int ChunkSize = 1 << ChunkShift;
    private const int FirstChunkSize = 256;

    private readonly List<T[]> _chunks = [];
    private T[] _current = [];
    private int _pos;

    /// <summary>Number of values added.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a value.</summary>
    public void Add(T value)
    {
        if (_pos == _current.Length)
        {
            if (Count == Array.MaxLength) throw new InvalidOperationException($"more than {Array.MaxLength:N0} values.");
            if (_chunks.Count == 1 && _current.Length < ChunkSize)
            {
                Array.Resize(ref _current, Math.Min(ChunkSize, 2 * _current.Length));
                _chunks[0] = _current;
            }
            else
            {
                _current = new T[_chunks.Count == 0 ? FirstChunkSize : ChunkSize];
                _chunks.Add(_current);
                _pos = 0;
            }
        }
        _current[_pos++] = value;
        Count++;
    }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public T this[int index] => _chunks[index >> ChunkShift][index & (ChunkSize - 1)];

    /// <summary>Copies the values into a new array of exactly <see cref="Count"/> elements and empties the column.</summary>
    public T[] ToArray()
    {
        var result = Count == 0 ? [] : GC.AllocateUninitializedArray<T>(Count);
        int copied = 0;
        for (int c = 0; c < _chunks.Count; c++)
        {
            int n = Math.Min(ChunkSize, Count - copied);
            _chunks[c].AsSpan(0, n).CopyTo(result.AsSpan(copied));
            _chunks[c] = [];
            copied += n;
        }
        _chunks.Clear();
        _current = [];
        _pos = 0;
        Count = 0;
        return result;
    }
}
