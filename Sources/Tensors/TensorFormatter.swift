import Foundation

/// Prints tensors exactly as PyTorch's `repr`/`str` does (`torch/_tensor_str.py` with the default
/// print options: precision 4, threshold 1000, edge items 3, line width 80).
///
/// ```
/// tensor([[ 56.,  72.],
///         [104., 120.]])
/// tensor([0.1000, 2.5000])
/// tensor([ True, False])
/// tensor([], size=(0, 3))
/// ```
public enum TensorFormatter {
    /// Digits after the decimal point for non-integer floats.
    public static let precision = 4
    /// Tensors with more elements than this are summarized with `...`.
    public static let threshold = 1000
    /// Entries shown at each end of a summarized dimension.
    public static let edgeItems = 3
    /// The width lines are wrapped at.
    public static let lineWidth = 80

    /// `repr(tensor)`, e.g. `tensor([1., 2.])`; `extraSuffixes` come after the dtype, as PyTorch
    /// adds `requires_grad=True` or `grad_fn=<MulBackward0>`.
    public static func repr(_ tensor: Tensor, extraSuffixes: [String] = []) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if tensor.count == 0 {
            if tensor.rank != 1 { suffixes.append("size=" + pythonTuple(tensor.shape)) }
            if tensor.dtype != .float32 { suffixes.append("dtype=" + tensor.dtype.description) }
            body = "[]"
        } else {
            // PyTorch names the type unless the values imply it (float32, int64, bool).
            if tensor.dtype == .int32 { suffixes.append("dtype=" + tensor.dtype.description) }
            let summarize = tensor.count > threshold
            // Only the printed elements are converted: a summarized tensor may be huge.
            let elements = tensor.storage
            let sample =
                summarize ? summarizedOffsets(tensor.shape).map { elements.scalar(at: $0) } : elements.scalars
            let formatter = ElementFormatter(sample, dtype: tensor.dtype)
            body = formatBlock(
                elements, shape: tensor.shape[...], base: 0, indent: indent, summarize: summarize, formatter: formatter)
        }
        return addSuffixes(prefix + body, suffixes + extraSuffixes, indent: indent)
    }

    /// `str(tensor.shape)`: `torch.Size([3, 2, 2, 2])`.
    public static func formatSize(_ shape: [Int]) -> String {
        "torch.Size(" + formatShape(shape) + ")"
    }

    /// A Python tuple of integers: `(0,)`, `(0, 3)`.
    static func pythonTuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    /// The offsets of the elements printed when a tensor is summarized (the first and last
    /// `edgeItems` entries of every long dimension), as `get_summarized_data` selects them.
    static func summarizedOffsets(_ shape: [Int]) -> [Int] {
        let strides = Layout.contiguousStrides(shape)
        var offsets = [0]
        for (dim, size) in shape.enumerated() {
            let positions =
                size > 2 * edgeItems ? Array(0..<edgeItems) + Array((size - edgeItems)..<size) : Array(0..<size)
            offsets = offsets.flatMap { base in positions.map { base + $0 * strides[dim] } }
        }
        return offsets
    }

    /// `_tensor_str_with_formatter`: the nested brackets for the sub-tensor of `shape` at `base`.
    private static func formatBlock(
        _ elements: TensorStorage, shape: ArraySlice<Int>, base: Int, indent: Int, summarize: Bool,
        formatter: ElementFormatter
    ) -> String {
        guard let size = shape.first else { return formatter.format(elements.scalar(at: base)) }
        let rest = shape.dropFirst()
        let blockStride = rest.reduce(1, &*)
        let summarized = summarize && size > 2 * edgeItems
        if rest.isEmpty {
            var items: [String]
            if summarized {
                items = (0..<edgeItems).map { formatter.format(elements.scalar(at: base + $0)) } + [" ..."]
                items += ((size - edgeItems)..<size).map { formatter.format(elements.scalar(at: base + $0)) }
            } else {
                items = (0..<size).map { formatter.format(elements.scalar(at: base + $0)) }
            }
            let perLine = Swift.max(1, (lineWidth - indent) / (formatter.width + 2))
            let lines = stride(from: 0, to: items.count, by: perLine).map {
                items[$0..<Swift.min($0 + perLine, items.count)].joined(separator: ", ")
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        func slice(_ index: Int) -> String {
            formatBlock(
                elements, shape: rest, base: base + index * blockStride, indent: indent + 1, summarize: summarize,
                formatter: formatter)
        }
        let slices =
            summarized
            ? (0..<edgeItems).map(slice) + ["..."] + ((size - edgeItems)..<size).map(slice)
            : (0..<size).map(slice)
        let separator =
            "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// `_add_suffixes`: `, dtype=...` on the same line while it fits in the line width.
    private static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int) -> String {
        var result = text
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLineLength = text.count - lastNewline + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                result += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return result + ")"
    }
}

/// `_Formatter`: decides once per tensor between integer, fixed and scientific notation and the
/// common width every element is padded to.
struct ElementFormatter {
    private let floating: Bool
    private var integerMode = true
    private var scientific = false
    private(set) var width = 1

    init(_ values: [Scalar], dtype: DType) {
        floating = dtype == .float32
        guard floating else {
            for value in values { width = Swift.max(width, value.description.count) }
            return
        }
        let finite = values.map(\.doubleValue).filter { $0.isFinite && $0 != 0 }
        guard !finite.isEmpty else { return }
        let magnitudes = finite.map { Swift.abs($0) }
        let smallest = magnitudes.min() ?? 1
        let largest = magnitudes.max() ?? 1
        integerMode = finite.allSatisfy { $0 == $0.rounded(.up) }
        let ratioTooWide = largest / smallest > 1000 || largest > 1e8
        if integerMode {
            if ratioTooWide {
                scientific = true
                for value in finite { width = Swift.max(width, Self.scientific(value).count) }
            } else {
                for value in finite { width = Swift.max(width, Self.fixed(value, digits: 0).count + 1) }
            }
        } else if ratioTooWide || smallest < 1e-4 {
            scientific = true
            for value in finite { width = Swift.max(width, Self.scientific(value).count) }
        } else {
            for value in finite { width = Swift.max(width, Self.fixed(value, digits: TensorFormatter.precision).count) }
        }
    }

    /// One element, right-aligned to the common width.
    func format(_ value: Scalar) -> String {
        var text: String
        if floating {
            let number = value.doubleValue
            if scientific {
                text = Self.scientific(number)
            } else if integerMode {
                text = Self.fixed(number, digits: 0)
                if number.isFinite { text += "." }
            } else {
                text = Self.fixed(number, digits: TensorFormatter.precision)
            }
        } else {
            text = value.description
        }
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    /// Python's `'{:.Nf}'.format(x)`.
    static func fixed(_ value: Double, digits: Int) -> String {
        if let special = nonFinite(value) { return special }
        return String(format: "%.\(digits)f", value)
    }

    /// Python's `'{:.4e}'.format(x)`: `1.0000e-05`.
    static func scientific(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        return String(format: "%.\(TensorFormatter.precision)e", value)
    }

    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }
}

extension Tensor: CustomStringConvertible {
    /// The tensor as PyTorch prints it: `tensor([[19., 25.], [37., 43.]])` on two lines.
    public var description: String { TensorFormatter.repr(self) }
}
