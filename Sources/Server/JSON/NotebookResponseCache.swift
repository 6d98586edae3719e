import Synchronization

/// Encoded NotebookJSON bodies, reused until the notebook changes.
///
/// A body depends on the stored notebook and on its run state (statuses, stale cells), so it is kept
/// under both versions: the store's change count of the notebook (raised by the store itself after every
/// committed edit or output save, so no route has to remember to invalidate) and the run-state count the
/// coordinator raises whenever a status or the stale cells change. Both are noted *before* the body is
/// read, so a body read while a change landed is never served after it.
final class NotebookResponseCache: Sendable {
    /// The versions a body was read at.
    struct Version: Equatable {
        /// `NotebookStore.changeCount(of:)`.
        var store: Int
        /// `runStateCount(of:)`.
        var runState: Int
    }

    private struct Entry {
        var version: Version
        var body: String
    }

    private let state = Mutex<(runStates: [String: Int], entries: [String: Entry])>(([:], [:]))
    /// Past this many bodies the cache starts over.
    private let capacity = 256

    /// How often the notebook's run state has changed.
    func runStateCount(of id: String) -> Int {
        state.withLock { $0.runStates[id] ?? 0 }
    }

    /// The body read at `version`, if there is one.
    func body(of id: String, at version: Version) -> String? {
        state.withLock { state in
            guard let entry = state.entries[id], entry.version == version else { return nil }
            return entry.body
        }
    }

    /// Stores a body read at `version`.
    func store(_ body: String, for id: String, at version: Version) {
        state.withLock { state in
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[id] = Entry(version: version, body: body)
        }
    }

    /// Marks the notebook's run state changed (a status, the queue or the stale cells).
    func runStateChanged(_ id: String) {
        state.withLock { state in
            state.runStates[id, default: 0] += 1
            state.entries[id] = nil
        }
    }
}
