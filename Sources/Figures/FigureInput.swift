import Tensors

/// A tensor's values checked for drawing: not empty, with its non-finite values counted.
struct FigureInput {
    var shape: [Int]
    var values: [Float]
    var nanCount = 0
    var infinityCount = 0

    /// Reads `tensor` for the figure call `call` (named in errors).
    init(_ tensor: Tensor, call: String) throws(FigureError) {
        shape = tensor.shape
        guard tensor.count > 0, !shape.contains(0) else {
            throw FigureError(
                .empty, "\(call): the tensor is empty (shape \(formatShape(shape))); there is nothing to draw")
        }
        do {
            values = try tensor.floats
        } catch {
            throw FigureError(.limit, "\(call): \(error.message)")
        }
        for value in values where !value.isFinite {
            if value.isNaN { nanCount += 1 } else { infinityCount += 1 }
        }
    }

    /// The finite values' extremes, `nil` when none is finite.
    var finiteExtremes: (min: Float, max: Float)? {
        var smallest = Float.infinity
        var largest = -Float.infinity
        for value in values where value.isFinite {
            smallest = min(smallest, value)
            largest = max(largest, value)
        }
        return smallest <= largest ? (smallest, largest) : nil
    }

    /// The caption line for non-finite values, e.g. "2 NaN and 1 Inf values drawn in magenta".
    var nonFiniteNote: String? {
        var parts: [String] = []
        if nanCount > 0 { parts.append("\(nanCount) NaN") }
        if infinityCount > 0 { parts.append("\(infinityCount) Inf") }
        guard !parts.isEmpty else { return nil }
        let total = nanCount + infinityCount
        return parts.joined(separator: " and ") + (total == 1 ? " value" : " values") + " drawn in magenta"
    }

    /// Requires rank `expected`, naming the book's dimensions in the error.
    func requireRank(_ expected: Int, call: String, dimensions: String) throws(FigureError) {
        guard shape.count == expected else {
            throw FigureError(
                .shape,
                "\(call): expects a \(expected)-D tensor \(dimensions), but got shape \(formatShape(shape))")
        }
    }

    /// The `height × width` block of values starting at flat offset `start`.
    func matrix(at start: Int, height: Int, width: Int) -> Matrix {
        Matrix(height: height, width: width, values: Array(values[start..<(start + height * width)]))
    }
}
