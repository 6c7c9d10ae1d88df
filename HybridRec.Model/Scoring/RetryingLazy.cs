namespace HybridRec.Model.Scoring;

/// <summary>
/// A value built on first use, once, by one thread at a time; unlike <see cref="Lazy{T}"/> with
/// <see cref="LazyThreadSafetyMode.ExecutionAndPublication"/>, a factory that throws caches nothing: the exception
/// reaches the caller and the next access runs the factory again (a transient failure, such as running out of
/// memory while building the serving form, does not break the object for good). Callers waiting while a build
/// fails then each try in turn.
/// </summary>
internal sealed class RetryingLazy<T>(Func<T> factory) where T : class
{
    private readonly Lock _gate = new();
    private T? _value;

    /// <summary>The value, built by this call when no earlier call succeeded.</summary>
    public T Value => Volatile.Read(ref _value) ?? Build();

    /// <summary>Whether a build has succeeded.</summary>
    public bool IsValueCreated => Volatile.Read(ref _value) is not null;

    private T Build()
    {
        lock (_gate)
        {
            if (_value is { } built) return built;
            var value = factory() ?? throw new InvalidOperationException("the factory returned null.");
            Volatile.Write(ref _value, value);
            return value;
        }
    }
}
