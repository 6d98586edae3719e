import Diagnostics

/// What went wrong, in the categories Python programs catch.
public enum TensorErrorKind: String, ErrorKind {
    /// Shapes that do not fit together (PyTorch raises `RuntimeError`).
    case shape
    /// An index or dimension out of range (`IndexError`).
    case index
    /// A bad argument value, e.g. a negative size or a zero step (`ValueError`).
    case value
    /// An operation applied to a tensor of the wrong element type (`TypeError`).
    case type
    /// A resource limit, e.g. the element cap (`RuntimeError`).
    case limit
    /// Storage that cannot be allocated under the process's memory limit (`MemoryError`).
    case memory
    /// A misuse of autograd, e.g. `backward()` on a non-scalar without a gradient (`RuntimeError`).
    case runtime
}

/// An error raised by a tensor operation.
///
/// Errors are data: a kind that tells the caller which Python exception it corresponds to, and a
/// message that teaches, written in the book's words (*"conv2d: weight expects 3 input channels
/// (c_i = 3), input has 2"*). The language layer adds the source position.
public typealias TensorError = KindedError<TensorErrorKind>

extension TensorError {
    /// A shape mismatch.
    public static func shape(_ message: String) -> TensorError { TensorError(.shape, message) }
    /// An index or dimension out of range.
    public static func index(_ message: String) -> TensorError { TensorError(.index, message) }
    /// A bad argument value.
    public static func value(_ message: String) -> TensorError { TensorError(.value, message) }
    /// A wrong element type.
    public static func type(_ message: String) -> TensorError { TensorError(.type, message) }
}
