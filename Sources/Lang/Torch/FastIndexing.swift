import Tensors

/// A private adaptor: direct paths for the subscripts the book's loops use on every iteration
/// (`X[i:i + h, j:j + w]`, `Y[i, j] = v`), so they skip the engine's general index planning.
/// Anything else (masks, `None`, `...`, steps, out-of-range values) goes to the engine, which
/// also produces the errors.
enum FastIndexing {
    /// The plan for a subscript still in interpreter values (`X[i:i + h, j:j + w]`), skipping the
    /// conversion to engine indices: every component must be an int or a slice of ints (or
    /// `None`) with no step or step 1; `nil` otherwise (the general path then decides).
    static func plan(values index: Value, shape: [Int]) -> BlockPlan? {
        guard case .tuple(let items) = index, items.count == shape.count, shape.count <= BlockPlan.capacity else {
            return nil
        }
        var plan = BlockPlan()
        for (item, size) in zip(items, shape) {
            if case .slice(let slice) = item {
                guard let entry = sliceEntry(slice.start, slice.stop, slice.step, size: size) else { return nil }
                plan.append(entry)
            } else {
                guard let entry = intEntry(item, size: size) else { return nil }
                plan.append(entry)
            }
        }
        return plan
    }

    /// The plan entry of an in-range int index (not a bool: that would be a mask); `nil` otherwise.
    static func intEntry(_ item: Value, size: Int) -> (first: Int, count: Int, keeps: Bool)? {
        guard case .int(let position) = item else { return nil }
        let resolved = position < 0 ? position + size : position
        guard resolved >= 0 && resolved < size else { return nil }
        return (resolved, 1, false)
    }

    /// The plan entry of a slice `start:stop:step` whose bounds are ints or `None` and whose step
    /// is `None` or 1; `nil` otherwise.
    static func sliceEntry(_ start: Value, _ stop: Value, _ step: Value, size: Int) -> (
        first: Int, count: Int, keeps: Bool
    )? {
        switch step {
        case .none, .int(1): break
        default: return nil
        }
        func bound(_ part: Value, _ fallback: Int) -> Int? {
            switch part {
            case .none: return fallback
            case .int(var value):
                if value < 0 { value = max(value + size, 0) }
                return min(value, size)
            default: return nil
            }
        }
        guard let first = bound(start, 0), let end = bound(stop, size) else { return nil }
        return (first, max(0, end - first), true)
    }

    /// The storage offset of `tensor[i, j, …]` when the index is a tuple of in-range ints, one
    /// per dimension (`Y[i, j] = v`); `nil` otherwise.
    static func elementOffset(values index: Value, shape: [Int]) -> Int? {
        guard case .tuple(let items) = index, items.count == shape.count else { return nil }
        var offset = 0
        for (item, size) in zip(items, shape) {
            guard case .int(let position) = item else { return nil }
            let resolved = position < 0 ? position + size : position
            guard resolved >= 0 && resolved < size else { return nil }
            offset = offset * size + resolved
        }
        return offset
    }
}
