using FsCheck;
using Microsoft.FSharp.Core;

namespace HybridRec.Model.Tests.TestData;

/// <summary>FsCheck configurations with a fixed replay seed, so every run checks the same cases (CI must not flake).</summary>
internal static class Properties
{
    public static Config Deterministic(int maxTest, ulong seed = 0x5EED) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
}
