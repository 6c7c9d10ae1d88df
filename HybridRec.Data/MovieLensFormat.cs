namespace HybridRec.Data;

/// <summary>The three MovieLens file layouts (internal: <see cref="RatingDataset.Format"/> names them with <see cref="DatasetFormats"/>).</summary>
internal enum MovieLensFormat
{
    /// <summary>Comma-separated files with a header: ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m (and HybridRec's synthetic data).</summary>
    Csv,

    /// <summary><c>::</c>-separated <c>.dat</c> files without a header: ml-1m, ml-10m.</summary>
    DoubleColon,

    /// <summary>ml-100k: tab-separated <c>u.data</c>, <c>|</c>-separated Latin-1 <c>u.item</c> with 19 genre flags.</summary>
    Ml100k,
}

/// <summary>Names of the MovieLens layouts.</summary>
internal static class MovieLensFormats
{
    /// <summary>The <see cref="DatasetFormats"/> name of a layout.</summary>
    public static string ToFormatName(this MovieLensFormat format) => format switch
    {
        MovieLensFormat.Csv => DatasetFormats.MovieLensCsv,
        MovieLensFormat.DoubleColon => DatasetFormats.MovieLensDat,
        MovieLensFormat.Ml100k => DatasetFormats.MovieLens100k,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown MovieLens layout."),
    };
}
