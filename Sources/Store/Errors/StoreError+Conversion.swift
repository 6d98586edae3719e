import GRDB

extension StoreError {
    /// Any error thrown inside a database access, as a `StoreError` (store errors pass through).
    init(_ error: any Error) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError:
            self = .database(code: error.extendedResultCode.rawValue, message: error.message ?? error.description)
        case is CancellationError:
            self = .cancelled
        default:
            self = .database(code: ResultCode.SQLITE_ERROR.rawValue, message: String(describing: error))
        }
    }
}
