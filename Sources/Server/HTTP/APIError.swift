import HTTPTypes
import Notebook
import Store

/// An error the API answers with: a status and a message for people, as `{"error": "message"}`.
///
/// Handlers throw it (it is deliberately not an `HTTPResponseError`, so it reaches `ConvbookResponder`,
/// which is the one place that turns errors into JSON). Extra members (such as the current revision on
/// a conflict) go in `extra`.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong, in words; never contains secrets or stack traces.
    public var message: String
    /// Further members of the error object.
    public var extra: [(String, JSONValue)] = []

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ message: String, extra: [(String, JSONValue)] = []) {
        self.status = status
        self.message = message
        self.extra = extra
    }

    /// 400 with a message.
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    /// 404 with a message.
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }

    /// The store's refusal as an API error: missing → 404, conflict → 409 with the current revision,
    /// invalid requests and unreadable files → 400, anything else → 500.
    public init(_ error: StoreError) {
        switch error {
        case .notFound, .cellNotFound:
            self.init(.notFound, error.description)
        case .conflict(_, let actual):
            self.init(.conflict, error.description, extra: [("revision", .number(Double(actual)))])
        case .invalid, .file:
            self.init(.badRequest, error.description)
        case .corrupt, .incompatible, .database, .cancelled:
            self.init(.internalServerError, error.description)
        }
    }
}
