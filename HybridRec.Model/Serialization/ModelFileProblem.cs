namespace HybridRec.Model.Serialization;

/// <summary>
/// What is wrong inside a model file's payload, in words naming the field (e.g. <c>user ids: id 7 at index 3 follows
/// id 9 …</c>); <see cref="ModelFile"/> turns it into an <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal sealed class ModelFileProblem(string message) : Exception(message);
