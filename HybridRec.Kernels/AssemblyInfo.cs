using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator emits its kernel launchers into a dynamic assembly named "ILGPURuntime"; the internal
// argument structs of the kernels must be visible to it.
[assembly: InternalsVisibleTo("ILGPURuntime")]
