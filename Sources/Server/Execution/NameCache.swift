import Lang
import Synchronization

/// `NameAnalysis` results by source text, so showing a notebook does not re-parse unchanged cells.
final class NameCache: Sendable {
    private let entries = Mutex<[String: NameAnalysis.Result]>([:])
    /// Past this many entries the cache starts over (sources are edited, old ones never come back).
    private let capacity = 4096

    /// The names a cell's source defines and uses.
    func names(of source: String) -> NameAnalysis.Result {
        if let cached = entries.withLock({ $0[source] }) { return cached }
        let result = NameAnalysis.analyze(source)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[source] = result
        }
        return result
    }
}
