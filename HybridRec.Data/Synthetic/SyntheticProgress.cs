namespace HybridRec.Data.Synthetic;

/// <summary>The phases of <see cref="SyntheticMovieLens.Write"/>, in the order they run.</summary>
public enum SyntheticPhase
{
    /// <summary>Drawing the hidden model: movies' genres, popularity and factors; users' rating counts.</summary>
    Model,

    /// <summary>Writing <c>movies.csv</c> and <c>links.csv</c>.</summary>
    Movies,

    /// <summary>Writing <c>ratings.csv</c> (almost all of the time).</summary>
    Ratings,

    /// <summary>Writing <c>tags.csv</c>.</summary>
    Tags,

    /// <summary>Writing <c>README.txt</c> and renaming the finished files into place.</summary>
    Commit,
}

/// <summary>A progress report of <see cref="SyntheticMovieLens.Write"/>.</summary>
/// <param name="Phase">The phase running.</param>
/// <param name="Fraction">How much of that phase is done, 0–1.</param>
public readonly record struct SyntheticProgress(SyntheticPhase Phase, double Fraction)
{
    /// <inheritdoc />
    public override string ToString() => $"{Phase} {Fraction:P0}";
}
