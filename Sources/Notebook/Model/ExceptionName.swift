/// The Python class name of an exception an `error` output reports (`ZeroDivisionError`, or a class the
/// notebook defined), plus the two names Convbook uses for a kernel that failed (`KernelDied`, `KernelError`).
///
/// A typed value so code that reacts to one exception says which by name (`.keyboardInterrupt`) rather
/// than comparing strings; any other class is just its name.
///
/// ```swift
/// if case .error(let error) = output, error.name == .keyboardInterrupt { status = .interrupted }
/// ```
public struct ExceptionName: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The class name, as Python prints it.
    public var rawValue: String

    /// The exception class called `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The exception class called `name`.
    public init(_ name: String) {
        self.init(rawValue: name)
    }

    /// The class name.
    public var description: String { rawValue }

    /// Decodes the bare class name.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the bare class name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The cell was interrupted (the stop button, a restart, the kernel's interrupt request).
    public static let keyboardInterrupt = ExceptionName("KeyboardInterrupt")
    /// The cell ran past a time limit (`convbook run --timeout`).
    public static let timeoutError = ExceptionName("TimeoutError")
    /// The kernel process died under the cell (crash, memory limit, killed after an ignored interrupt).
    public static let kernelDied = ExceptionName("KernelDied")
    /// The kernel could not run the cell at all (it could not start, or the cell is too large to send).
    public static let kernelError = ExceptionName("KernelError")
}
