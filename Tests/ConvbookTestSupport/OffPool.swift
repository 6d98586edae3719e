import Foundation

/// Runs blocking work (waiting for a process, reading a socket) on a new thread, so that tests waiting
/// for subprocesses do not occupy the few threads of Swift's cooperative pool that other tests'
/// tasks need to resume.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
