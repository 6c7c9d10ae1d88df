namespace HybridRec.Bench;

/// <summary>
/// The MovieLens ml-latest-small release bundled with the app as an embedded resource (data/ml-latest-small.zip
/// in the repository; GroupLens licence in data/ml-latest-small.README.txt).
/// </summary>
internal static class BundledData
{
    public const string Name = "ml-latest-small (bundled)";
    private const string Resource = "HybridRec.Bench.ml-latest-small.zip";

    /// <summary>Opens the embedded zip.</summary>
    public static Stream Open() =>
        typeof(BundledData).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"the embedded dataset '{Resource}' is missing from this build.");
}
