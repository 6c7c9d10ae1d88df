namespace HybridRec.Data;

/// <summary>
/// A sparse multi-hot feature matrix in compressed-row form: row <c>r</c> (a movie index) holds the sorted,
/// distinct feature indices <c>Indices[Offsets[r]..Offsets[r+1])</c> into <see cref="Vocabulary"/>.
/// </summary>
public sealed class SparseFeatures
{
    private readonly int[] _offsets;
    private readonly int[] _indices;

    /// <summary>
    /// Creates a matrix from a copy of <paramref name="offsets"/>, <paramref name="indices"/> and
    /// <paramref name="vocabulary"/>, validating that offsets are monotone and indices sorted, distinct and in range.
    /// </summary>
    /// <exception cref="ArgumentException">The offsets or indices do not form such a matrix.</exception>
    public SparseFeatures(ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, IReadOnlyList<string> vocabulary)
        : this(offsets.ToArray(), indices.ToArray(), CopyVocabulary(vocabulary))
    {
    }

    private SparseFeatures(int[] offsets, int[] indices, IReadOnlyList<string> vocabulary)
    {
        Validate(offsets, indices, vocabulary);
        _offsets = offsets;
        _indices = indices;
        Vocabulary = vocabulary;
    }

    /// <summary>
    /// Wraps the arrays and the vocabulary without copying (validated as by the public constructor): the matrix owns
    /// them from now on and nobody may change them. For the library's own readers and builders.
    /// </summary>
    internal static SparseFeatures Own(int[] offsets, int[] indices, IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new SparseFeatures(offsets, indices, vocabulary);
    }

    private static IReadOnlyList<string> CopyVocabulary(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return Array.AsReadOnly(vocabulary.ToArray());
    }

    private static void Validate(ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, IReadOnlyList<string> vocabulary)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != indices.Length)
            throw new ArgumentException("offsets must start at 0 and end at indices.Length.", nameof(offsets));
        for (int r = 0; r + 1 < offsets.Length; r++)
        {
            if (offsets[r + 1] < offsets[r]) throw new ArgumentException($"offsets decrease at row {r}.", nameof(offsets));
            for (int k = offsets[r]; k < offsets[r + 1]; k++)
            {
                if ((uint)indices[k] >= (uint)vocabulary.Count)
                    throw new ArgumentException($"feature index {indices[k]} in row {r} is outside the vocabulary of {vocabulary.Count}.", nameof(indices));
                if (k > offsets[r] && indices[k] <= indices[k - 1])
                    throw new ArgumentException($"feature indices of row {r} are not sorted and distinct.", nameof(indices));
            }
        }
    }

    /// <summary>An empty matrix of <paramref name="rows"/> rows over an empty vocabulary.</summary>
    public static SparseFeatures Empty(int rows) => Own(new int[rows + 1], [], []);

    /// <summary>Builds a matrix from one feature list per row; lists are sorted and de-duplicated.</summary>
    public static SparseFeatures FromRows(IReadOnlyList<IEnumerable<int>> rows, IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offsets = new int[rows.Count + 1];
        var indices = new List<int>();
        for (int r = 0; r < rows.Count; r++)
        {
            var sorted = rows[r].Distinct().ToArray();
            Array.Sort(sorted);
            indices.AddRange(sorted);
            offsets[r + 1] = indices.Count;
        }
        return Own(offsets, indices.ToArray(), CopyVocabulary(vocabulary));
    }

    /// <summary>Row offsets, length <see cref="Rows"/> + 1.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>Feature indices of all rows, concatenated.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The offsets array itself, for the library's hot loops and device uploads (never hand it out or change it).</summary>
    internal int[] OffsetArray => _offsets;

    /// <summary>The indices array itself, for the library's hot loops and device uploads (never hand it out or change it).</summary>
    internal int[] IndexArray => _indices;

    /// <summary>Feature names; index <c>j</c> names column <c>j</c>. Sorted ordinally for genres and tags.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Number of rows (movies).</summary>
    public int Rows => _offsets.Length - 1;

    /// <summary>Number of columns (vocabulary size).</summary>
    public int Columns => Vocabulary.Count;

    /// <summary>Number of stored (non-zero) entries.</summary>
    public int NonZeros => _indices.Length;

    /// <summary>The sorted feature indices of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> Row(int row) => _indices.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
}
