import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// Starts `convbook` again with `OPENBLAS_CORETYPE` set when OpenBLAS did not recognise the CPU
/// and runs its generic pre-AVX2 kernels (``BLASCore``): the variable is only read when the
/// library loads, which happened before `main`. Runs first thing, before any thread starts; if
/// the new start fails, the process goes on with the kernels it has.
enum BLASRestart {
    static func ifNeeded() {
        #if os(Linux)
            guard let core = BLASCore.replacement() else { return }
            let chosen = BLASCore.name
            setenv(BLASCore.environmentVariable, core, 1)
            setenv(BLASCore.fallbackVariable, chosen, 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // Only reached when exec failed: undo, so children do not inherit a half-made choice.
            unsetenv(BLASCore.environmentVariable)
            unsetenv(BLASCore.fallbackVariable)
        #endif
    }
}
