using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using HybridRec.Model;

namespace HybridRec.Api;

/// <summary>
/// Where the host's model comes from: <c>--model PATH</c> (or <c>HybridRec:ModelPath</c>), or else the default model —
/// the library's default configuration (<see cref="HybridPresets.Tuned"/>) trained on all ratings of the bundled
/// ml-latest-small — cached in <c>--cache-dir</c> (default: the user's local application data folder,
/// <c>~/.local/share/hybridrec/models</c> on Linux) under a name that changes with the configuration and the library
/// version, so a second start reuses it and an upgrade retrains.
/// </summary>
internal static class DefaultModel
{
    public const string ModelKey = "model";
    public const string CacheDirectoryKey = "cache-dir";
    public const string DatasetFile = "ml-latest-small.zip";

    /// <summary>Whether no model file was named, so the default model is served (and trained when not cached).</summary>
    public static bool IsUsed(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[ModelKey]) && string.IsNullOrWhiteSpace(configuration[$"{HybridRec.Serving.HybridRecServingOptions.SectionName}:ModelPath"]);

    /// <summary>The model file to serve.</summary>
    public static string ModelPath(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ModelKey]) ? configuration[ModelKey]!
        : configuration[$"{HybridRec.Serving.HybridRecServingOptions.SectionName}:ModelPath"] is { Length: > 0 } configured ? configured
        : CachedPath(configuration);

    /// <summary>The default model's cache file.</summary>
    public static string CachedPath(IConfiguration configuration)
    {
        string folder = configuration[CacheDirectoryKey] is { Length: > 0 } dir ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "hybridrec", "models");
        // The package version without build metadata ("+commit"): a rebuild of the same version reuses the file.
        string version = (typeof(HybridModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0").Split('+')[0];
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{DatasetFile}\n{version}\n{HybridPresets.Tuned.ToJson()}")))[..12];
        return Path.GetFullPath(Path.Combine(folder, $"ml-latest-small-default-{key}.hrec"));
    }

    /// <summary>The bundled dataset, copied next to the host's assembly.</summary>
    public static string DatasetPath => Path.Combine(AppContext.BaseDirectory, "data", DatasetFile);
}
