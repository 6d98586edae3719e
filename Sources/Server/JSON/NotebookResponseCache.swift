import Synchronization

/// Encoded NotebookJSON bodies, reused until the notebook changes.
///
/// Each notebook has a version number that is bumped after every change the server makes to it (an
/// edit committed, outputs saved, a status or stale event sent). A body is stored with the version that
/// was current *before* it was read, so a body read while a change landed is never served after it.
/// Other processes only add notebooks (import), which never touches a cached body.
final class NotebookResponseCache: Sendable {
    private struct Entry {
        var version: Int
        var body: String
    }

    private let state = Mutex<(versions: [String: Int], entries: [String: Entry])>(([:], [:]))
    /// Past this many bodies the cache starts over.
    private let capacity = 256

    /// The notebook's current version.
    func version(of id: String) -> Int {
        state.withLock { $0.versions[id] ?? 0 }
    }

    /// The cached body if it is still current.
    func body(of id: String) -> String? {
        state.withLock { state in
            guard let entry = state.entries[id], entry.version == (state.versions[id] ?? 0) else { return nil }
            return entry.body
        }
    }

    /// Stores a body read at `version`.
    func store(_ body: String, for id: String, version: Int) {
        state.withLock { state in
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[id] = Entry(version: version, body: body)
        }
    }

    /// Marks the notebook changed.
    func invalidate(_ id: String) {
        state.withLock { state in
            state.versions[id, default: 0] += 1
            state.entries[id] = nil
        }
    }
}
