@testable import Tensors

/// Runs `body` with the engine splitting its work `threads` ways (``Parallel/threadCount``), for a test
/// that checks a result at a given thread count.
///
/// Swift Testing runs suites side by side, and ``Parallel/threadCount`` is process-wide: a test that
/// set it and put it back afterwards ran its neighbours at its count, and could itself run at theirs,
/// so a check "at two threads" might have run on one. This sets the count only for the calling task
/// (``Parallel/withThreadCount(_:_:)``, a task-local value read once per operation on the calling
/// thread), so every test gets the count it asks for while the others run. A lock around the tests
/// that change the count would have serialized them without protecting the tests that merely read it.
/// Matrix products still use OpenBLAS's process-wide threads inside one `sgemm`, whose result does
/// not depend on them.
func onThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
    try Parallel.withThreadCount(threads, body)
}

/// ``onThreads(_:_:)`` for an asynchronous body; tasks it starts (a task group's) inherit the count.
func onThreads<T>(_ threads: Int, _ body: () async throws -> T) async rethrows -> T {
    try await Parallel.withThreadCount(threads, body)
}
