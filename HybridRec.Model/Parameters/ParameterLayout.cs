namespace HybridRec.Model.Parameters;

/// <summary>
/// The layout of the parameter block (docs/design.md §2): named slices in a fixed order, row-sparse slices
/// first so that the dense slices form one contiguous range starting at <see cref="DenseOffset"/>.
/// </summary>
public sealed class ParameterLayout
{
    /// <summary>Slice names, as constants.</summary>
    public static class Names
    {
        /// <summary>P1, collaborative user embeddings (U, E).</summary>
        public const string UserCf = "user_cf";
        /// <summary>P2, neural-branch user embeddings (U, E).</summary>
        public const string UserNn = "user_nn";
        /// <summary>Q1, collaborative movie embeddings (M, E).</summary>
        public const string MovieCf = "movie_cf";
        /// <summary>Q2, neural-branch movie embeddings (M, E).</summary>
        public const string MovieNn = "movie_nn";
        /// <summary>bu, per-user bias (U, 1); only with biases.</summary>
        public const string UserBias = "user_bias";
        /// <summary>bm, per-movie bias (M, 1); only with biases.</summary>
        public const string MovieBias = "movie_bias";
        /// <summary>Wn, neural-branch Dense kernel (Hn, 2E).</summary>
        public const string NnKernel = "nn_kernel";
        /// <summary>bn (Hn).</summary>
        public const string NnBias = "nn_bias";
        /// <summary>Wg, genre tower kernel stored input-major (G, Hg).</summary>
        public const string GenreKernel = "genre_kernel";
        /// <summary>bg (Hg).</summary>
        public const string GenreBias = "genre_bias";
        /// <summary>Wt, tag tower kernel stored input-major (T, Ht).</summary>
        public const string TagKernel = "tag_kernel";
        /// <summary>bt (Ht).</summary>
        public const string TagBias = "tag_bias";
        /// <summary>Wo, output kernel (K).</summary>
        public const string OutKernel = "out_kernel";
        /// <summary>bo (1).</summary>
        public const string OutBias = "out_bias";
    }

    private readonly Dictionary<string, ParameterSlice> _byName;

    /// <summary>Builds the layout for the given sizes and architecture.</summary>
    public ParameterLayout(ModelDimensions dims, HybridModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        dims.Validate();
        options.Validate();
        Dimensions = dims;
        Options = options;
        E = options.EmbeddingSize;
        Hn = options.ResolvedNeuralWidth;
        Hg = options.ResolvedGenreWidth;
        Ht = options.ResolvedTagWidth;

        var slices = new List<ParameterSlice>();
        int offset = 0;
        ParameterSlice Add(string name, int rows, int cols, SliceKind kind, SliceInit init, int fanIn = 0, int fanOut = 0, bool reg = false)
        {
            long end = (long)offset + (long)rows * cols;
            if (end > int.MaxValue / 4)
                throw new ArgumentException($"the model is too large: slice '{name}' ends at {end:N0} parameters (limit {int.MaxValue / 4:N0}).");
            var s = new ParameterSlice(name, offset, rows, cols, kind, init, fanIn, fanOut, reg);
            slices.Add(s);
            offset = (int)end;
            return s;
        }

        UserCf = Add(Names.UserCf, dims.Users, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        UserNn = Add(Names.UserNn, dims.Users, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        MovieCf = Add(Names.MovieCf, dims.Movies, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        MovieNn = Add(Names.MovieNn, dims.Movies, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        if (options.UseBiases)
        {
            UserBias = Add(Names.UserBias, dims.Users, 1, SliceKind.RowSparse, SliceInit.Zeros);
            MovieBias = Add(Names.MovieBias, dims.Movies, 1, SliceKind.RowSparse, SliceInit.Zeros);
        }
        DenseOffset = offset;
        NnKernel = Add(Names.NnKernel, Hn, 2 * E, SliceKind.Dense, SliceInit.GlorotUniform, 2 * E, Hn, reg: true);
        NnBias = Add(Names.NnBias, 1, Hn, SliceKind.Dense, SliceInit.Zeros);
        GenreKernel = Add(Names.GenreKernel, dims.Genres, Hg, SliceKind.Dense, SliceInit.GlorotUniform, dims.Genres, Hg, reg: true);
        GenreBias = Add(Names.GenreBias, 1, Hg, SliceKind.Dense, SliceInit.Zeros);
        TagKernel = Add(Names.TagKernel, dims.Tags, Ht, SliceKind.Dense, SliceInit.GlorotUniform, dims.Tags, Ht, reg: true);
        TagBias = Add(Names.TagBias, 1, Ht, SliceKind.Dense, SliceInit.Zeros);
        OutKernel = Add(Names.OutKernel, 1, ConcatWidth, SliceKind.Dense, SliceInit.GlorotUniform, ConcatWidth, 1, reg: true);
        OutBias = Add(Names.OutBias, 1, 1, SliceKind.Dense, SliceInit.Zeros);

        Count = offset;
        Slices = slices;
        _byName = slices.ToDictionary(s => s.Name);
    }

    /// <summary>The data-dependent sizes.</summary>
    public ModelDimensions Dimensions { get; }

    /// <summary>The architecture.</summary>
    public HybridModelOptions Options { get; }

    /// <summary>Embedding size E.</summary>
    public int E { get; }

    /// <summary>Neural-branch width Hn.</summary>
    public int Hn { get; }

    /// <summary>Genre-tower width Hg.</summary>
    public int Hg { get; }

    /// <summary>Tag-tower width Ht.</summary>
    public int Ht { get; }

    /// <summary>Width K = 1 + Hn + Hg + Ht of the concatenation feeding the output layer.</summary>
    public int ConcatWidth => 1 + Hn + Hg + Ht;

    /// <summary>Whether per-user and per-movie biases exist.</summary>
    public bool HasBiases => UserBias is not null;

    /// <summary>Total number of parameters P.</summary>
    public int Count { get; }

    /// <summary>Start of the contiguous dense range (all row-sparse slices precede it).</summary>
    public int DenseOffset { get; }

    /// <summary>Length of the dense range.</summary>
    public int DenseCount => Count - DenseOffset;

    /// <summary>All slices in block order.</summary>
    public IReadOnlyList<ParameterSlice> Slices { get; }

    /// <summary>The slice named <paramref name="name"/>.</summary>
    public ParameterSlice this[string name] =>
        _byName.TryGetValue(name, out var s) ? s : throw new KeyNotFoundException($"no parameter slice named '{name}' (have: {string.Join(", ", _byName.Keys)}).");

    /// <summary>Whether a slice of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>P1, collaborative user embeddings (U, E).</summary>
    public ParameterSlice UserCf { get; }
    /// <summary>P2, neural-branch user embeddings (U, E).</summary>
    public ParameterSlice UserNn { get; }
    /// <summary>Q1, collaborative movie embeddings (M, E).</summary>
    public ParameterSlice MovieCf { get; }
    /// <summary>Q2, neural-branch movie embeddings (M, E).</summary>
    public ParameterSlice MovieNn { get; }
    /// <summary>bu (U, 1), or null without biases.</summary>
    public ParameterSlice? UserBias { get; }
    /// <summary>bm (M, 1), or null without biases.</summary>
    public ParameterSlice? MovieBias { get; }
    /// <summary>Wn (Hn, 2E).</summary>
    public ParameterSlice NnKernel { get; }
    /// <summary>bn (Hn).</summary>
    public ParameterSlice NnBias { get; }
    /// <summary>Wg (G, Hg), input-major.</summary>
    public ParameterSlice GenreKernel { get; }
    /// <summary>bg (Hg).</summary>
    public ParameterSlice GenreBias { get; }
    /// <summary>Wt (T, Ht), input-major.</summary>
    public ParameterSlice TagKernel { get; }
    /// <summary>bt (Ht).</summary>
    public ParameterSlice TagBias { get; }
    /// <summary>Wo (K).</summary>
    public ParameterSlice OutKernel { get; }
    /// <summary>bo (1).</summary>
    public ParameterSlice OutBias { get; }

    /// <summary>Column of z (the collaborative dot product) in the concatenation.</summary>
    public int ConcatDotColumn => 0;

    /// <summary>First column of hn in the concatenation.</summary>
    public int ConcatNnColumn => 1;

    /// <summary>First column of hg in the concatenation.</summary>
    public int ConcatGenreColumn => 1 + Hn;

    /// <summary>First column of ht in the concatenation.</summary>
    public int ConcatTagColumn => 1 + Hn + Hg;
}
