namespace HybridRec.Data.Preprocessing;

/// <summary>The error for one record more than a load can hold (<see cref="MovieLensLoadOptions.RecordCapacity"/>).</summary>
internal static class CapacityError
{
    /// <summary>The error for record <paramref name="line"/> of <paramref name="file"/> (a display path) when <paramref name="capacity"/> <paramref name="what"/> are already held.</summary>
    public static DatasetFormatException For(string what, int capacity, string file, long line) =>
        new(file, line, "", null, $"more than {capacity:N0} {what}: that is the most one load holds (an array holds at most {Array.MaxLength:N0} values)");
}
