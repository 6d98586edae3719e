/// The Python class name of an exception: one of the builtin classes (`.zeroDivisionError`), a class a
/// program defined (`ExceptionName("MyError")`), or one of the two names Convbook uses for a kernel that
/// failed (`.kernelDied`, `.kernelError`).
///
/// A typed value so code that reacts to one exception says which by name rather than comparing strings.
/// Any class is just its name, so a program's own classes need no registration (the language knows their
/// bases); ``builtinHierarchy`` is the part of Python 3's hierarchy the language builds its classes from.
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

    /// The exception class called `name`: a builtin one, or one a program defined.
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
}

extension ExceptionName {
    /// The builtin exception classes with their bases, each listed after its base: the part of Python 3's
    /// hierarchy that a program can meet here. Every exception the interpreter raises by name is one of them.
    public static let builtinHierarchy: [(name: ExceptionName, base: ExceptionName?)] = [
        (.baseException, nil),
        (.systemExit, .baseException),
        (.keyboardInterrupt, .baseException),
        (.generatorExit, .baseException),
        (.exception, .baseException),
        (.arithmeticError, .exception),
        (.floatingPointError, .arithmeticError),
        (.overflowError, .arithmeticError),
        (.zeroDivisionError, .arithmeticError),
        (.assertionError, .exception),
        (.attributeError, .exception),
        (.bufferError, .exception),
        (.eofError, .exception),
        (.importError, .exception),
        (.moduleNotFoundError, .importError),
        (.lookupError, .exception),
        (.indexError, .lookupError),
        (.keyError, .lookupError),
        (.memoryError, .exception),
        (.nameError, .exception),
        (.unboundLocalError, .nameError),
        (.osError, .exception),
        (.fileExistsError, .osError),
        (.fileNotFoundError, .osError),
        (.isADirectoryError, .osError),
        (.notADirectoryError, .osError),
        (.permissionError, .osError),
        (.timeoutError, .osError),
        (.referenceError, .exception),
        (.runtimeError, .exception),
        (.notImplementedError, .runtimeError),
        (.recursionError, .runtimeError),
        (.stopIteration, .exception),
        (.stopAsyncIteration, .exception),
        (.syntaxError, .exception),
        (.indentationError, .syntaxError),
        (.tabError, .indentationError),
        (.systemError, .exception),
        (.typeError, .exception),
        (.valueError, .exception),
        (.unicodeError, .valueError),
        (.warning, .exception),
        (.userWarning, .warning),
        (.deprecationWarning, .warning),
        (.runtimeWarning, .warning),
        (.futureWarning, .warning),
    ]

    /// Other names of builtin exception classes (Python keeps them for old code), with the class they name.
    public static let builtinAliases: [(alias: ExceptionName, name: ExceptionName)] = [
        (ExceptionName("EnvironmentError"), .osError),
        (ExceptionName("IOError"), .osError),
    ]
}

extension ExceptionName {
    /// `BaseException`, the root of every exception class.
    public static let baseException = ExceptionName("BaseException")
    /// `SystemExit`.
    public static let systemExit = ExceptionName("SystemExit")
    /// The cell was interrupted (the stop button, a restart, the kernel's interrupt request).
    public static let keyboardInterrupt = ExceptionName("KeyboardInterrupt")
    /// `GeneratorExit`.
    public static let generatorExit = ExceptionName("GeneratorExit")
    /// `Exception`, the base of every error a program is meant to catch.
    public static let exception = ExceptionName("Exception")
    /// `ArithmeticError`.
    public static let arithmeticError = ExceptionName("ArithmeticError")
    /// `FloatingPointError`.
    public static let floatingPointError = ExceptionName("FloatingPointError")
    /// `OverflowError`: an integer outside 64 bits.
    public static let overflowError = ExceptionName("OverflowError")
    /// `ZeroDivisionError`.
    public static let zeroDivisionError = ExceptionName("ZeroDivisionError")
    /// `AssertionError`: a failed `assert`.
    public static let assertionError = ExceptionName("AssertionError")
    /// `AttributeError`.
    public static let attributeError = ExceptionName("AttributeError")
    /// `BufferError`.
    public static let bufferError = ExceptionName("BufferError")
    /// `EOFError`.
    public static let eofError = ExceptionName("EOFError")
    /// `ImportError`.
    public static let importError = ExceptionName("ImportError")
    /// `ModuleNotFoundError`.
    public static let moduleNotFoundError = ExceptionName("ModuleNotFoundError")
    /// `LookupError`, the base of `IndexError` and `KeyError`.
    public static let lookupError = ExceptionName("LookupError")
    /// `IndexError`.
    public static let indexError = ExceptionName("IndexError")
    /// `KeyError`.
    public static let keyError = ExceptionName("KeyError")
    /// `MemoryError`: an allocation that could not be made.
    public static let memoryError = ExceptionName("MemoryError")
    /// `NameError`.
    public static let nameError = ExceptionName("NameError")
    /// `UnboundLocalError`.
    public static let unboundLocalError = ExceptionName("UnboundLocalError")
    /// `OSError`, the base of the file errors.
    public static let osError = ExceptionName("OSError")
    /// `FileExistsError`.
    public static let fileExistsError = ExceptionName("FileExistsError")
    /// `FileNotFoundError`.
    public static let fileNotFoundError = ExceptionName("FileNotFoundError")
    /// `IsADirectoryError`.
    public static let isADirectoryError = ExceptionName("IsADirectoryError")
    /// `NotADirectoryError`.
    public static let notADirectoryError = ExceptionName("NotADirectoryError")
    /// `PermissionError`.
    public static let permissionError = ExceptionName("PermissionError")
    /// The cell ran past a time limit (`convbook run --timeout`).
    public static let timeoutError = ExceptionName("TimeoutError")
    /// `ReferenceError`.
    public static let referenceError = ExceptionName("ReferenceError")
    /// `RuntimeError`: what PyTorch raises for shapes that do not fit.
    public static let runtimeError = ExceptionName("RuntimeError")
    /// `NotImplementedError`.
    public static let notImplementedError = ExceptionName("NotImplementedError")
    /// `RecursionError`.
    public static let recursionError = ExceptionName("RecursionError")
    /// `StopIteration`: an iterator has no more items.
    public static let stopIteration = ExceptionName("StopIteration")
    /// `StopAsyncIteration`.
    public static let stopAsyncIteration = ExceptionName("StopAsyncIteration")
    /// `SyntaxError`.
    public static let syntaxError = ExceptionName("SyntaxError")
    /// `IndentationError`.
    public static let indentationError = ExceptionName("IndentationError")
    /// `TabError`.
    public static let tabError = ExceptionName("TabError")
    /// `SystemError`.
    public static let systemError = ExceptionName("SystemError")
    /// `TypeError`.
    public static let typeError = ExceptionName("TypeError")
    /// `ValueError`.
    public static let valueError = ExceptionName("ValueError")
    /// `UnicodeError`.
    public static let unicodeError = ExceptionName("UnicodeError")
    /// `Warning`, the base of the warning categories.
    public static let warning = ExceptionName("Warning")
    /// `UserWarning`.
    public static let userWarning = ExceptionName("UserWarning")
    /// `DeprecationWarning`.
    public static let deprecationWarning = ExceptionName("DeprecationWarning")
    /// `RuntimeWarning`.
    public static let runtimeWarning = ExceptionName("RuntimeWarning")
    /// `FutureWarning`.
    public static let futureWarning = ExceptionName("FutureWarning")

    /// The kernel process died under the cell (crash, memory limit, killed after an ignored interrupt).
    public static let kernelDied = ExceptionName("KernelDied")
    /// The kernel could not run the cell at all (it could not start, or the cell is too large to send).
    public static let kernelError = ExceptionName("KernelError")
}
