import Foundation
import Tensors

extension Session {
    /// The longest summary line; longer reprs are cut with an ellipsis.
    static let maximumSummaryLength = 120

    /// The session's global variables in the order they were defined, or `nil` while a cell runs
    /// (the globals belong to the evaluator then; the caller asks again once the cell finished).
    ///
    /// Modules, builtins and names starting with `_` are left out, as a variables panel shows them.
    public func variables() -> [SessionVariable]? {
        lock.withLockIfAvailable { _ in
            let globals = interpreter.globals.variables
            return globals.names.compactMap { name -> SessionVariable? in
                guard !name.hasPrefix("_"), let value = globals[name] else { return nil }
                return describe(name, value)
            }
        } ?? nil
    }

    /// The tensor held by global variable `name`, or `nil` if there is none (or a cell is running).
    public func tensor(named name: String) -> Tensor? {
        lock.withLockIfAvailable { _ -> Tensor? in
            guard case .tensor(let box) = interpreter.globals.variables[name] else { return nil }
            return box.tensor
        } ?? nil
    }

    private func describe(_ name: String, _ value: Value) -> SessionVariable? {
        let type = typeName(of: value)
        switch value {
        case .module, .builtin:
            return nil
        case .tensor(let box):
            let tensor = box.tensor
            return SessionVariable(
                name: name, typeName: type, shape: tensor.shape, dtype: tensor.dtype.rawValue,
                summary: Session.tensorSummary(tensor))
        case .list(let list) where list.items.count > 50:
            return SessionVariable(
                name: name, typeName: type, shape: [list.items.count], dtype: nil,
                summary: "a list of \(list.items.count) items")
        case .list(let list):
            return SessionVariable(
                name: name, typeName: type, shape: [list.items.count], dtype: nil, summary: shortRepr(value))
        case .tuple(let items):
            return SessionVariable(
                name: name, typeName: type, shape: [items.count], dtype: nil,
                summary: items.count > 50 ? "a tuple of \(items.count) items" : shortRepr(value))
        case .dict(let dict) where dict.count > 50:
            return SessionVariable(
                name: name, typeName: type, shape: [dict.count], dtype: nil, summary: "a dict of \(dict.count) items")
        case .dict(let dict):
            return SessionVariable(
                name: name, typeName: type, shape: [dict.count], dtype: nil, summary: shortRepr(value))
        case .set(let set):
            return SessionVariable(
                name: name, typeName: type, shape: [set.count], dtype: nil,
                summary: set.count > 50 ? "a set of \(set.count) items" : shortRepr(value))
        default:
            return SessionVariable(name: name, typeName: type, shape: nil, dtype: nil, summary: shortRepr(value))
        }
    }

    /// The repr cut to one line of at most ``maximumSummaryLength`` characters.
    private func shortRepr(_ value: Value) -> String {
        let text = ((try? interpreter.repr(value)) ?? "<\(typeName(of: value))>")
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        guard text.count > Session.maximumSummaryLength else { return text }
        return String(text.prefix(Session.maximumSummaryLength - 1)) + "…"
    }

    /// `min -1.5, max 2, mean 0.25` for a tensor with elements; `empty` otherwise.
    static func tensorSummary(_ tensor: Tensor) -> String {
        // An integer tensor is read as floats: a copy, which the memory limit may refuse.
        guard let values = try? tensor.floats else { return "too large to summarise" }
        var minimum = Float.infinity
        var maximum = -Float.infinity
        var sum = 0.0
        var nonFinite = 0
        for value in values {
            guard value.isFinite else {
                nonFinite += 1
                continue
            }
            minimum = min(minimum, value)
            maximum = max(maximum, value)
            sum += Double(value)
        }
        let finite = values.count - nonFinite
        guard finite > 0 else { return values.isEmpty ? "empty" : "no finite values" }
        var text =
            "min \(pythonFloatRepr(Double(minimum))), max \(pythonFloatRepr(Double(maximum))), "
            + "mean \(pythonFloatRepr((sum / Double(finite) * 1e4).rounded() / 1e4))"
        if nonFinite > 0 { text += ", \(nonFinite) inf/nan" }
        return text
    }
}
