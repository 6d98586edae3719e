import Notebook

/// What `NotebookStore.seedIfEmpty(from:)` did.
public struct SeedReport: Sendable, Hashable {
    /// A file that could not be imported, and why.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        /// Why the file was skipped.
        public enum Reason: Sendable, Hashable {
            /// The file could not be read or parsed.
            case file(NotebookFileError)
            /// The store refused the notebook (for example duplicate cell ids).
            case store(StoreError)
        }

        /// The file's name.
        public var file: String
        /// Why it was skipped.
        public var reason: Reason

        /// The failure as one line for a log.
        public var description: String {
            switch reason {
            case .file(let error): error.description
            case .store(let error): "\(file): \(error)"
            }
        }
    }

    /// Whether the database was empty, so seeding took place (`false` on every later start).
    public var seeded: Bool
    /// The notebooks imported, in file-name order.
    public var imported: [NotebookSummary]
    /// Files skipped, in file-name order.
    public var failures: [Failure]
}
