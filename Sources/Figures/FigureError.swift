import Diagnostics

/// The category of a figure error.
public enum FigureErrorKind: String, ErrorKind {
    /// An empty or 0-size tensor.
    case empty
    /// A tensor whose shape does not fit the figure (e.g. a 3-D tensor for `heatmap`).
    case shape
    /// A bad argument value (e.g. mismatched `xs`/`ys` lengths, negative image values).
    case value
    /// Too large to draw (e.g. an `explain_conv` input bigger than the figure can spell out).
    case limit
}

/// Why a tensor cannot be drawn: a kind to match on and a message that teaches.
///
/// ```swift
/// do { _ = try Figure.show(emptyTensor) } catch { print(error.message) }
/// // "show: the tensor is empty (shape [0, 3]); there is nothing to draw"
/// ```
public typealias FigureError = KindedError<FigureErrorKind>
