/// The padding of a 2-D convolution: explicit zeros per side, or PyTorch's `'valid'` / `'same'`.
///
/// An integer literal pads both dimensions: `padding: 1` is `.explicit(ConvPair(1, 1))`.
public enum ConvPadding2D: Sendable, Hashable, ExpressibleByIntegerLiteral {
    /// `padding.height` zero rows above and below, `padding.width` zero columns left and right.
    case explicit(ConvPair)
    /// No padding (`padding='valid'`).
    case valid
    /// Enough padding that the output has the input's size (`padding='same'`, stride 1 only);
    /// when the total is odd, the extra row or column goes at the end, as in PyTorch.
    case same

    public init(integerLiteral value: Int) {
        self = .explicit(ConvPair(value))
    }
}

/// The padding of a 3-D convolution: explicit zeros per side, or PyTorch's `'valid'` / `'same'`.
public enum ConvPadding3D: Sendable, Hashable, ExpressibleByIntegerLiteral {
    /// The same number of zeros on both sides of each dimension.
    case explicit(ConvTriple)
    /// No padding (`padding='valid'`).
    case valid
    /// Output size equals input size (stride 1 only); an odd total puts the extra plane at the end.
    case same

    public init(integerLiteral value: Int) {
        self = .explicit(ConvTriple(value))
    }
}
