import Foundation
import Synchronization

/// How often each notebook has changed in this process, and the latest outline read of each.
///
/// Every write that changes a notebook raises the notebook's change count on the database's writer
/// queue, right after its commit, so counts rise in commit order. A reader notes the count *before* it
/// reads and caches what it read under that count: a write committed meanwhile has raised the count,
/// so a stale outline is never served. A saved output patches the cached outline in the same step as
/// it raises the count, so a running notebook is not read again after every cell.
///
/// Stores opened on the same file in one process share one instance (`forFile(_:)`). Other processes
/// only add notebooks (`convbook store import`), which no cached outline describes.
final class NotebookChanges: Sendable {
    /// The instance for a database file, by its resolved path.
    static func forFile(_ path: String) -> NotebookChanges {
        let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return registry.withLock { registry in
            if let changes = registry[key] { return changes }
            let changes = NotebookChanges()
            registry[key] = changes
            return changes
        }
    }

    private static let registry = Mutex<[String: NotebookChanges]>([:])

    private struct CachedOutline {
        var count: Int
        var outline: NotebookOutline
    }

    private struct State {
        var counts: [String: Int] = [:]
        var outlines: [String: CachedOutline] = [:]
    }

    private let state = Mutex(State())
    /// Past this many outlines the cache starts over.
    private let capacity = 256

    /// The notebook's change count (0 until this process changes it).
    func count(of id: String) -> Int {
        state.withLock { $0.counts[id] ?? 0 }
    }

    /// The cached outline if it is still current.
    func outline(of id: String) -> NotebookOutline? {
        state.withLock { state in
            guard let cached = state.outlines[id], cached.count == (state.counts[id] ?? 0) else { return nil }
            return cached.outline
        }
    }

    /// Keeps an outline read after the count was `count` (dropped if the notebook changed since).
    func keep(_ outline: NotebookOutline, of id: String, readAt count: Int) {
        state.withLock { state in
            guard count == (state.counts[id] ?? 0) else { return }
            if state.outlines.count >= capacity { state.outlines.removeAll(keepingCapacity: true) }
            state.outlines[id] = CachedOutline(count: count, outline: outline)
        }
    }

    /// Records a committed change of the notebook. `patch`, if given, turns the outline as it was before
    /// the change into the outline after it, or returns `false` if it cannot (it must also be right when
    /// applied to an outline read just after the commit); without it the cached outline is dropped.
    func changed(_ id: String, patch: ((inout NotebookOutline) -> Bool)? = nil) {
        state.withLock { state in
            let count = state.counts[id] ?? 0
            state.counts[id] = count + 1
            guard var cached = state.outlines.removeValue(forKey: id), cached.count == count, let patch,
                patch(&cached.outline)
            else { return }
            cached.count = count + 1
            state.outlines[id] = cached
        }
    }
}
