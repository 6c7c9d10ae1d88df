namespace HybridRec.Data;

/// <summary>How the loaders treat repeated (user, item) ratings. Every duplicate is counted in the report either way.</summary>
public enum DuplicateRatingPolicy
{
    /// <summary>Keep the rating that comes last in the file, drop earlier ones, count them and warn.</summary>
    KeepLast,

    /// <summary>Fail with a <see cref="DatasetFormatException"/> naming both lines.</summary>
    Error,
}
