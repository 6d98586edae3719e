import Foundation

extension Interpreter {
    func truthy(_ value: Value) throws(PyError) -> Bool {
        switch value {
        case .none: return false
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .float(let number): return number != 0
        case .str(let text): return !text.isEmpty
        case .list(let box): return !box.items.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .size(let sizes): return !sizes.isEmpty
        case .dict(let box), .set(let box): return box.count > 0
        case .range(let start, let stop, let step): return rangeCount(start, stop, step) > 0
        case .tensor(let box): return try tensorTruth(box.tensor)
        case .object(let instance as Instance): return try instanceTruth(instance)
        case .object(let sequential as SequentialLayer): return !sequential.entries.isEmpty
        case .object(let list as ModuleListLayer): return !list.modules.isEmpty
        default: return true
        }
    }

    func unary(_ op: UnaryOperator, _ operand: Value) throws(PyError) -> Value {
        switch (op, operand) {
        case (.negate, .int(let number)):
            guard number != Int.min else { throw PyError.overflow() }
            return .int(-number)
        case (.negate, .bool(let flag)): return .int(flag ? -1 : 0)
        case (.negate, .float(let number)): return .float(-number)
        case (.plus, .int), (.plus, .float): return operand
        case (.plus, .bool(let flag)): return .int(flag ? 1 : 0)
        case (.invert, .int(let number)): return .int(~number)
        case (.invert, .bool(let flag)): return .int(~(flag ? 1 : 0))
        case (_, .tensor(let box)): return try tensorUnary(op, box)
        case (_, .object):
            if let result = try instanceUnary(op, operand) { return result }
            throw PyError.type("bad operand type for unary \(op.rawValue): '\(typeName(of: operand))'")
        default:
            throw PyError.type("bad operand type for unary \(op.rawValue): '\(typeName(of: operand))'")
        }
    }

    private func operandInt(_ value: Value) -> Int? {
        switch value {
        case .int(let number): number
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    func binary(_ op: BinaryOperator, _ lhs: consuming Value, _ rhs: consuming Value) throws(PyError) -> Value {
        // Tensor operands are handed over, so a temporary can take its result (`tensorBinary`).
        if case .tensor = lhs { return try tensorBinary(op, consume lhs, consume rhs) }
        if case .tensor = rhs { return try tensorBinary(op, consume lhs, consume rhs) }
        if let left = operandInt(lhs), let right = operandInt(rhs) {
            return try integerBinary(op, left, right)
        }
        if let left = numeric(lhs), let right = numeric(rhs) {
            return try floatBinary(op, left, right)
        }
        switch (op, lhs, rhs) {
        case (.add, .str(let left), .str(let right)):
            try memory.check(left.utf8.count + right.utf8.count, for: .string)
            return .str(left + right)
        case (.add, .list(let left), .list(let right)):
            let count = left.items.count + right.items.count
            try memory.check(count * MemoryBudget.slotBytes, for: .new(.list, count: count))
            return .list(try ListBox(left.items + right.items, budget: memory))
        case (.add, .tuple(let left), .tuple(let right)):
            let count = left.count + right.count
            try memory.check(count * MemoryBudget.slotBytes, for: .new(.tuple, count: count))
            return .tuple(left + right)
        case (.add, .tuple(let left), .size(let right)):
            return .tuple(left + right.map { .int($0) })
        case (.add, .size(let left), .size(let right)):
            return .size(left + right)
        case (.add, .size(let left), .tuple(let right)):
            var sizes = left
            for item in right {
                guard case .int(let size) = item else { return .tuple(left.map { .int($0) } + right) }
                sizes.append(size)
            }
            return .size(sizes)
        case (.multiply, .str, _), (.multiply, .list, _), (.multiply, .tuple, _):
            guard let count = operandInt(rhs) else { break }
            return try repeatSequence(lhs, count)
        case (.multiply, _, .str), (.multiply, _, .list), (.multiply, _, .tuple):
            guard let count = operandInt(lhs) else { break }
            return try repeatSequence(rhs, count)
        case (.modulo, .str(let format), _):
            return .str(try percentFormat(format, rhs))
        case (.bitOr, .dict(let left), .dict(let right)):
            let merged = try left.copy()
            for (key, value) in right.entries { try merged.set(key, try HashKey(key), value) }
            return .dict(merged)
        default:
            break
        }
        // Instances of user classes bring their own operators (`__add__`, `__radd__`, …).
        if let result = try instanceBinary(op, lhs, rhs) { return result }
        throw unsupportedOperands(op, lhs, rhs)
    }

    func numeric(_ value: Value) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .float(let number): number
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    /// `sequence * count`: checked against the memory budget before anything is made, with
    /// overflow-checked sizes, so that `[0] * 10**18` is a `MemoryError`, never a trap.
    private func repeatSequence(_ sequence: Value, _ count: Int) throws(PyError) -> Value {
        let times = max(0, count)
        switch sequence {
        case .str(let text):
            if text.isEmpty || times == 0 { return .str("") }
            try memory.check(MemoryBudget.repeated(text.utf8.count, times), for: .string)
            return .str(String(repeating: text, count: times))
        case .list(let box):
            let items = box.items
            if items.isEmpty || times == 0 { return .list(try ListBox([], budget: memory)) }
            let bytes = MemoryBudget.repeated(MemoryBudget.listBytes(items) - MemoryBudget.containerBytes, times)
            try memory.check(bytes, for: .new(.list, count: MemoryBudget.repeated(items.count, times)))
            return .list(try ListBox(repeated(items, times), budget: memory))
        case .tuple(let items):
            if items.isEmpty || times == 0 { return .tuple([]) }
            let bytes = MemoryBudget.repeated(items.count * MemoryBudget.slotBytes, times)
            try memory.check(bytes, for: .new(.tuple, count: MemoryBudget.repeated(items.count, times)))
            return .tuple(repeated(items, times))
        default:
            return sequence
        }
    }

    /// `times` copies of `items` in one array of exactly that size.
    private func repeated(_ items: [Value], _ times: Int) -> [Value] {
        var result: [Value] = []
        result.reserveCapacity(items.count * times)
        for _ in 0..<times { result.append(contentsOf: items) }
        return result
    }

    private func integerBinary(_ op: BinaryOperator, _ left: Int, _ right: Int) throws(PyError) -> Value {
        switch op {
        case .add:
            let (result, overflow) = left.addingReportingOverflow(right)
            if overflow { throw PyError.overflow() }
            return .int(result)
        case .subtract:
            let (result, overflow) = left.subtractingReportingOverflow(right)
            if overflow { throw PyError.overflow() }
            return .int(result)
        case .multiply:
            let (result, overflow) = left.multipliedReportingOverflow(by: right)
            if overflow { throw PyError.overflow() }
            return .int(result)
        case .divide:
            guard right != 0 else { throw PyError(.zeroDivisionError, "division by zero") }
            return .float(Double(left) / Double(right))
        case .floorDivide:
            guard right != 0 else { throw PyError(.zeroDivisionError, "integer division or modulo by zero") }
            if left == Int.min && right == -1 { throw PyError.overflow() }
            let quotient = left / right
            return .int((left % right != 0) && ((left < 0) != (right < 0)) ? quotient - 1 : quotient)
        case .modulo:
            guard right != 0 else { throw PyError(.zeroDivisionError, "integer modulo by zero") }
            if right == -1 { return .int(0) }
            let remainder = left % right
            return .int(remainder != 0 && ((remainder < 0) != (right < 0)) ? remainder + right : remainder)
        case .power:
            if right < 0 {
                guard left != 0 else {
                    throw PyError(.zeroDivisionError, "0.0 cannot be raised to a negative power")
                }
                return .float(pow(Double(left), Double(right)))
            }
            var result = 1
            var base = left
            var exponent = right
            while exponent > 0 {
                if exponent & 1 == 1 {
                    let (product, overflow) = result.multipliedReportingOverflow(by: base)
                    if overflow { throw PyError.overflow() }
                    result = product
                }
                exponent >>= 1
                if exponent > 0 {
                    let (square, overflow) = base.multipliedReportingOverflow(by: base)
                    if overflow { throw PyError.overflow() }
                    base = square
                }
            }
            return .int(result)
        case .matmul:
            throw PyError.type("unsupported operand type(s) for @: 'int' and 'int'")
        case .bitAnd: return .int(left & right)
        case .bitOr: return .int(left | right)
        case .bitXor: return .int(left ^ right)
        case .shiftLeft:
            guard right >= 0 else { throw PyError.value("negative shift count") }
            guard right < 63, left == (left << right) >> right else { throw PyError.overflow() }
            return .int(left << right)
        case .shiftRight:
            guard right >= 0 else { throw PyError.value("negative shift count") }
            return .int(left >> min(right, 63))
        }
    }

    private func floatBinary(_ op: BinaryOperator, _ left: Double, _ right: Double) throws(PyError) -> Value {
        switch op {
        case .add: return .float(left + right)
        case .subtract: return .float(left - right)
        case .multiply: return .float(left * right)
        case .divide:
            guard right != 0 else { throw PyError(.zeroDivisionError, "float division by zero") }
            return .float(left / right)
        case .floorDivide:
            guard right != 0 else { throw PyError(.zeroDivisionError, "float floor division by zero") }
            return .float((left / right).rounded(.down))
        case .modulo:
            guard right != 0 else { throw PyError(.zeroDivisionError, "float modulo by zero") }
            var remainder = fmod(left, right)
            if remainder != 0 && ((remainder < 0) != (right < 0)) { remainder += right }
            return .float(remainder)
        case .power:
            if left == 0 && right < 0 {
                throw PyError(.zeroDivisionError, "0.0 cannot be raised to a negative power")
            }
            if left < 0 && right.rounded() != right {
                throw PyError.value("math domain error: a negative number to a fractional power is complex")
            }
            return .float(pow(left, right))
        default:
            throw PyError.type("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }

    func compare(_ op: CompareOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value {
        switch op {
        case .is: return .bool(identical(lhs, rhs))
        case .isNot: return .bool(!identical(lhs, rhs))
        case .in: return .bool(try contains(rhs, lhs))
        case .notIn: return .bool(!(try contains(rhs, lhs)))
        default: break
        }
        if case .tensor = lhs { return try tensorCompare(op, lhs, rhs) }
        if case .tensor = rhs { return try tensorCompare(op, lhs, rhs) }
        switch op {
        case .equal: return .bool(try equal(lhs, rhs))
        case .notEqual: return .bool(!(try equal(lhs, rhs)))
        default:
            let order = try ordering(lhs, rhs, op)
            switch op {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    func identical(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.str(let a), .str(let b)): return a.hasSameCodePoints(as: b)
        case (.list(let a), .list(let b)): return a === b
        case (.dict(let a), .dict(let b)), (.set(let a), .set(let b)): return a === b
        case (.function(let a), .function(let b)): return a === b
        case (.builtin(let a), .builtin(let b)): return a === b
        case (.type(let a), .type(let b)): return a === b
        case (.module(let a), .module(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        case (.tensor(let a), .tensor(let b)): return a === b
        case (.dtype(let a), .dtype(let b)): return a == b
        default: return false
        }
    }

    /// Python `==` for non-tensor values.
    func equal(_ lhs: Value, _ rhs: Value) throws(PyError) -> Bool {
        reprDepth += 1
        defer { reprDepth -= 1 }
        guard reprDepth <= Interpreter.maximumContainerDepth else {
            throw PyError(.recursionError, "maximum recursion depth exceeded in comparison")
        }
        if let left = numeric(lhs), let right = numeric(rhs) {
            if let a = operandInt(lhs), let b = operandInt(rhs) { return a == b }
            return left == right
        }
        switch (lhs, rhs) {
        case (.none, .none): return true
        case (.str(let a), .str(let b)): return a.hasSameCodePoints(as: b)
        case (.list(let a), .list(let b)): return try sequencesEqual(a.items, b.items)
        case (.tuple(let a), .tuple(let b)): return try sequencesEqual(a, b)
        case (.size(let a), .size(let b)): return a == b
        case (.size(let a), .tuple(let b)): return try sequencesEqual(a.map { .int($0) }, b)
        case (.tuple(let a), .size(let b)): return try sequencesEqual(a, b.map { .int($0) })
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b.get(try HashKey(key)), try equal(value, other) else { return false }
            }
            return true
        case (.set(let a), .set(let b)):
            guard a.count == b.count else { return false }
            for (key, _) in a.entries where b.get(try HashKey(key)) == nil { return false }
            return true
        case (.range(let a1, let a2, let a3), .range(let b1, let b2, let b3)):
            return a1 == b1 && a2 == b2 && a3 == b3
        case (.tensor(let box), _), (_, .tensor(let box)):
            let result = try tensorCompare(.equal, lhs, rhs)
            _ = box
            return try truthy(result)
        case (.object, _), (_, .object):
            if let result = try instanceEqual(lhs, rhs) { return result }
            return identical(lhs, rhs)
        default:
            return identical(lhs, rhs)
        }
    }

    private func sequencesEqual(_ a: [Value], _ b: [Value]) throws(PyError) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where !identical(x, y) {
            if !(try equal(x, y)) { return false }
        }
        return true
    }

    /// -1, 0 or 1 for `<`-style comparisons of numbers, strings and sequences.
    func ordering(_ lhs: Value, _ rhs: Value, _ op: CompareOperator) throws(PyError) -> Int {
        if let a = operandInt(lhs), let b = operandInt(rhs) { return a < b ? -1 : a > b ? 1 : 0 }
        if let a = numeric(lhs), let b = numeric(rhs) {
            if a.isNaN || b.isNaN { return op == .less || op == .lessEqual ? 1 : -1 }
            return a < b ? -1 : a > b ? 1 : 0
        }
        switch (lhs, rhs) {
        case (.str(let a), .str(let b)):
            return a.codePointOrder(b)
        case (.list(let a), .list(let b)):
            return try sequenceOrdering(a.items, b.items, op)
        case (.tuple, .tuple), (.size, .size), (.tuple, .size), (.size, .tuple):
            return try sequenceOrdering(try iterateAll(lhs), try iterateAll(rhs), op)
        case (.object, _), (_, .object):
            // `a < b` on instances: the dunder's truth decides (`-1` reads as true for `<`, and so on).
            if let result = try instanceOrdering(op, lhs, rhs) {
                let holds = try truthy(result)
                switch op {
                case .less, .lessEqual: return holds ? -1 : 1
                default: return holds ? 1 : -1
                }
            }
            fallthrough
        default:
            throw PyError.type(
                "'\(op.rawValue)' not supported between instances of '\(typeName(of: lhs))' and '\(typeName(of: rhs))'")
        }
    }

    private func sequenceOrdering(_ a: [Value], _ b: [Value], _ op: CompareOperator) throws(PyError) -> Int {
        for (x, y) in zip(a, b) where !(try equal(x, y)) {
            return try ordering(x, y, op)
        }
        return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
    }

    /// `needle in container`.
    func contains(_ container: Value, _ needle: Value) throws(PyError) -> Bool {
        switch container {
        case .str(let text):
            guard case .str(let part) = needle else {
                throw PyError.type("'in <string>' requires string as left operand, not \(typeName(of: needle))")
            }
            return part.isEmpty || text.firstOccurrence(of: part) != nil
        case .dict(let box), .set(let box):
            return box.get(try HashKey(needle)) != nil
        case .range(let start, let stop, let step):
            guard let number = operandInt(needle) else {
                if let value = numeric(needle), value.rounded() == value, let exact = Int(exactly: value) {
                    return try contains(container, .int(exact))
                }
                return false
            }
            if step > 0 ? !(number >= start && number < stop) : !(number <= start && number > stop) { return false }
            // The distance from the start, unsigned: it can exceed `Int.max`.
            let distance = step > 0 ? UInt(bitPattern: number &- start) : UInt(bitPattern: start &- number)
            return distance % step.magnitude == 0
        case .tensor(let box):
            return try tensorContains(box.tensor, needle)
        default:
            var iterator = try makeIterator(container)
            while let item = try iterator.next() {
                if identical(item, needle) { return true }
                if try equal(item, needle) { return true }
            }
            return false
        }
    }
}

/// The number of values a `range` produces, at most `Int.max`: a range over more values than
/// that (`range(-2**63, 2**63 - 1)`) counts as `Int.max` (``exactRangeCount(_:_:_:)`` tells).
func rangeCount(_ start: Int, _ stop: Int, _ step: Int) -> Int {
    Int(clamping: rangeSize(start, stop, step))
}

/// The number of values a `range` produces; `OverflowError` when it exceeds `Int.max`, as
/// Python's `len()` raises.
func exactRangeCount(_ start: Int, _ stop: Int, _ step: Int) throws(PyError) -> Int {
    guard let count = Int(exactly: rangeSize(start, stop, step)) else {
        throw PyError(.overflowError, "Python int too large to convert to C ssize_t")
    }
    return count
}

/// The number of values of a range, computed on the unsigned distance so that no bound or step
/// (not even `-2**63`) overflows.
private func rangeSize(_ start: Int, _ stop: Int, _ step: Int) -> UInt {
    guard step > 0 ? start < stop : start > stop else { return 0 }
    let distance = step > 0 ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
    return (distance - 1) / step.magnitude + 1
}
