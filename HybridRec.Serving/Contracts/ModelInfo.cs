namespace HybridRec.Serving.Contracts;

/// <summary>The model being served.</summary>
/// <param name="Version">The first 12 hex digits of the model file's SHA-256 (also sent as the <c>X-Model-Version</c> header).</param>
/// <param name="Sha256">The model file's SHA-256.</param>
/// <param name="FileWrittenAt">The model file's last write time.</param>
/// <param name="LoadedAt">When the server loaded it.</param>
/// <param name="Dataset">The name of the dataset it was trained on.</param>
/// <param name="Users">Known users.</param>
/// <param name="Movies">Known movies (items).</param>
/// <param name="Members">Ensemble members.</param>
/// <param name="RatingMin">The lowest rating on the model's scale.</param>
/// <param name="RatingMax">The highest rating on the model's scale.</param>
/// <param name="RatingStep">The step of the model's scale.</param>
public sealed record ModelInfo(string Version, string Sha256, DateTimeOffset FileWrittenAt, DateTimeOffset LoadedAt, string Dataset, int Users, int Movies, int Members,
    float RatingMin, float RatingMax, float RatingStep);
