extension Interpreter {
    func getItem(_ object: Value, _ index: Value) throws(PyError) -> Value {
        switch object {
        case .list(let box):
            if case .slice(let slice) = index {
                return .list(try ListBox(try sliceItems(box.items, slice), budget: memory))
            }
            return box.items[try normalizedIndex(index, box.items.count, "list")]
        case .tuple(let items):
            if case .slice(let slice) = index { return .tuple(try sliceItems(items, slice)) }
            return items[try normalizedIndex(index, items.count, "tuple")]
        case .size(let sizes):
            if case .slice(let slice) = index {
                return .size(
                    try sliceItems(sizes.map { Value.int($0) }, slice).compactMap { value in
                        if case .int(let size) = value { return size }
                        return nil
                    })
            }
            return .int(sizes[try normalizedIndex(index, sizes.count, "tuple")])
        case .str(let text):
            // Code points, walked by index rather than copied to an array, which would take
            // several times the string's memory for a moment.
            if case .slice(let slice) = index { return .str(try sliceString(text, slice)) }
            guard let scalar = text.codePoint(at: try indexPosition(index, "string")) else {
                throw PyError.index("string index out of range")
            }
            return .str(String(Character(scalar)))
        case .range(let start, let stop, let step):
            let count = try exactRangeCount(start, stop, step)
            if case .slice(let slice) = index {
                let (first, _, by, length) = try sliceBounds(slice, count)
                // Wrapping arithmetic is exact here: the value lies inside the range.
                let newStart = start &+ first &* step
                let (newStep, stepOverflow) = step.multipliedReportingOverflow(by: by)
                let (span, spanOverflow) = length.multipliedReportingOverflow(by: newStep)
                let (newStop, stopOverflow) = newStart.addingReportingOverflow(span)
                if stepOverflow || spanOverflow || stopOverflow { throw PyError.overflow() }
                return .range(start: newStart, stop: newStop, step: newStep)
            }
            let position = try normalizedIndex(index, count, "range object")
            return .int(start &+ position &* step)
        case .dict(let box):
            guard let value = box.get(try HashKey(index)) else {
                throw try keyError(index)
            }
            return value
        case .tensor(let box):
            return try tensorGetItem(box, index)
        case .object(let object):
            if let getter = try object.attribute("__getitem__", self) { return try call(getter, Arguments([index])) }
        default:
            break
        }
        throw PyError.type("'\(typeName(of: object))' object is not subscriptable")
    }

    func setItem(_ object: Value, _ index: Value, _ value: Value) throws(PyError) {
        switch object {
        case .list(let box):
            if case .slice(let slice) = index {
                let replacement = try iterateAll(value)
                let (start, stop, step, length) = try sliceBounds(slice, box.items.count)
                if step == 1 {
                    try box.replaceSubrange(start..<max(start, stop), with: replacement)
                } else {
                    guard replacement.count == length else {
                        throw PyError.value(
                            "attempt to assign sequence of size \(replacement.count) to extended slice of size \(length)"
                        )
                    }
                    for offset in 0..<length { try box.replace(at: start + offset * step, with: replacement[offset]) }
                }
                return
            }
            try box.replace(at: try normalizedIndex(index, box.items.count, "list", assignment: true), with: value)
        case .dict(let box):
            try box.set(index, try HashKey(index), value)
        case .tensor(let box):
            try tensorSetItem(box, index, value)
        case .tuple, .size, .str:
            throw PyError.type("'\(typeName(of: object))' object does not support item assignment")
        default:
            throw PyError.type("'\(typeName(of: object))' object does not support item assignment")
        }
    }

    func deleteItem(_ object: Value, _ index: Value) throws(PyError) {
        switch object {
        case .list(let box):
            if case .slice(let slice) = index {
                let (start, _, step, length) = try sliceBounds(slice, box.items.count)
                let doomed = Set((0..<length).map { start + $0 * step })
                try box.replaceAll(with: box.items.enumerated().filter { !doomed.contains($0.offset) }.map(\.element))
                return
            }
            box.remove(at: try normalizedIndex(index, box.items.count, "list", assignment: true))
        case .dict(let box):
            guard box.remove(try HashKey(index)) != nil else { throw try keyError(index) }
        default:
            throw PyError.type("'\(typeName(of: object))' object does not support item deletion")
        }
    }

    /// Converts a Python index (negative counts from the end) into a checked array position.
    func normalizedIndex(_ index: Value, _ count: Int, _ kind: String, assignment: Bool = false) throws(PyError) -> Int
    {
        let position = try indexPosition(index, kind)
        let resolved = position < 0 ? position + count : position
        guard resolved >= 0 && resolved < count else {
            throw PyError.index("\(kind) \(assignment ? "assignment " : "")index out of range")
        }
        return resolved
    }

    /// The integer an index stands for, before it is resolved against a length.
    private func indexPosition(_ index: Value, _ kind: String) throws(PyError) -> Int {
        switch index {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .tensor(let box):
            guard box.tensor.count == 1, let number = box.tensor.scalarInt else {
                throw PyError.type("only integer tensors of a single element can be converted to an index")
            }
            return number
        default:
            throw PyError.type("\(kind) indices must be integers or slices, not \(typeName(of: index))")
        }
    }

    /// Resolves a slice against a length: first index, end, step and number of items.
    func sliceBounds(_ slice: SliceBox, _ count: Int) throws(PyError) -> (start: Int, stop: Int, step: Int, length: Int)
    {
        let step = try sliceInt(slice.step) ?? 1
        guard step != 0 else { throw PyError.value("slice step cannot be zero") }
        var start: Int
        var stop: Int
        if step > 0 {
            start = try sliceInt(slice.start) ?? 0
            stop = try sliceInt(slice.stop) ?? count
            if start < 0 { start = max(0, start + count) } else { start = min(start, count) }
            if stop < 0 { stop = max(0, stop + count) } else { stop = min(stop, count) }
            let length = stop > start ? (stop - start - 1) / step + 1 : 0
            return (start, stop, step, length)
        }
        start = try sliceInt(slice.start) ?? (count - 1)
        stop = try sliceInt(slice.stop) ?? -count - 1
        if start < 0 { start = max(-1, start + count) } else { start = min(start, count - 1) }
        if stop < 0 { stop = max(-1, stop + count) } else { stop = min(stop, count - 1) }
        // The magnitude, not `-step`, which traps for `-2**63`.
        let length = start > stop ? Int((start - stop - 1).magnitude / step.magnitude) + 1 : 0
        return (start, stop, step, length)
    }

    private func sliceInt(_ value: Value) throws(PyError) -> Int? {
        switch value {
        case .none: return nil
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        default: throw PyError.type("slice indices must be integers or None")
        }
    }

    func sliceItems<T>(_ items: [T], _ slice: SliceBox) throws(PyError) -> [T] {
        let (start, _, step, length) = try sliceBounds(slice, items.count)
        if step == 1 { return Array(items[start..<start + length]) }
        return (0..<length).map { items[start + $0 * step] }
    }

    // MARK: Iteration

    func makeIterator(_ value: Value) throws(PyError) -> ValueIterator {
        switch value {
        case .list(let box): return ValueIterator(.list(box))
        case .tuple(let items): return ValueIterator(.array(items))
        case .size(let sizes): return ValueIterator(.array(sizes.map { .int($0) }))
        case .str(let text): return stringIterator(text)
        case .range(let start, let stop, let step): return ValueIterator(.range(start, stop, step))
        case .dict(let box), .set(let box): return ValueIterator(.array(box.entries.map(\.key)))
        case .tensor(let box): return try tensorIterator(box)
        case .object(let object):
            if let iterator = try object.makeIterator(self) { return iterator }
        default: break
        }
        throw PyError.type("'\(typeName(of: value))' object is not iterable")
    }

    /// A string's code points one at a time, without an array of them.
    private func stringIterator(_ text: String) -> ValueIterator {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        return ValueIterator(
            .custom({ () throws(PyError) in
                guard index < scalars.endIndex else { return nil }
                defer { index = scalars.index(after: index) }
                return .str(String(Character(scalars[index])))
            }))
    }

    /// `text[slice]`, in code points, walking the string once.
    private func sliceString(_ text: String, _ slice: SliceBox) throws(PyError) -> String {
        let (start, _, step, length) = try sliceBounds(slice, text.codePointCount)
        return text.codePoints(from: start, step: step, count: length)
    }

    /// All the items of an iterable, with interrupt checks for long iterations; `MemoryError`
    /// when they would not fit in the session's memory (a range is checked before it starts).
    func iterateAll(_ value: Value, for container: MemoryRequest.Container = .list) throws(PyError) -> [Value] {
        switch value {
        case .list(let box): return box.items
        case .tuple(let items): return items
        default:
            if case .range(let start, let stop, let step) = value {
                let count = rangeCount(start, stop, step)
                try memory.check(
                    MemoryBudget.repeated(MemoryBudget.slotBytes, count), for: .new(container, count: count))
            }
            var iterator = try makeIterator(value)
            var items = ValueCollector(budget: memory, for: container)
            while let item = try iterator.next() {
                if items.items.count & 4095 == 4095 { try checkInterrupt() }
                try items.append(item)
            }
            return items.items
        }
    }
}
