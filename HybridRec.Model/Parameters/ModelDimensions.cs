namespace HybridRec.Model.Parameters;

/// <summary>The data-dependent sizes of the network: users, movies and the two feature vocabularies.</summary>
/// <param name="Users">Number of users U.</param>
/// <param name="Movies">Number of movies M.</param>
/// <param name="Genres">Genre vocabulary size G.</param>
/// <param name="Tags">Tag vocabulary size T (may be 0).</param>
public readonly record struct ModelDimensions(int Users, int Movies, int Genres, int Tags)
{
    /// <summary>Throws when a size is negative or there is no user or movie.</summary>
    public void Validate()
    {
        if (Users < 1) throw new ArgumentException($"a model needs at least one user (got {Users}).");
        if (Movies < 1) throw new ArgumentException($"a model needs at least one movie (got {Movies}).");
        if (Genres < 0 || Tags < 0) throw new ArgumentException($"vocabulary sizes must be ≥ 0 (genres {Genres}, tags {Tags}).");
    }
}
