import Tensors

extension Introspector {
    /// What the name at `cursor` is: its signature and docs, or a tensor's shape and dtype; `nil`
    /// when the cursor is on no known name. `detailLevel` 1 adds a value's full repr.
    func inspection(of code: String, cursor position: Int, detailLevel: Int) -> Inspection? {
        guard let cursor = CodeCursor.inspected(code: code, position: position) else { return nil }
        let names = cursor.base + [cursor.partial]
        guard let value = resolve(names, importsIn: code) else { return nil }
        let name = names.joined(separator: ".")
        var lines: [String] = []
        switch value {
        case .tensor(let box):
            let tensor = box.tensor
            lines.append("Type: Tensor")
            lines.append("Shape: torch.Size([\(tensor.shape.map(String.init).joined(separator: ", "))])")
            lines.append("Dtype: torch.\(tensor.dtype.rawValue)")
            if box.requiresGrad { lines.append("requires_grad: True") }
            lines.append("Values: \(Session.tensorSummary(tensor))")
            if detailLevel > 0 || tensor.count <= 64, let text = try? interpreter.repr(value) {
                lines.append(text)
            }
        case .function(let function):
            lines.append("Signature: \(signature(of: function))")
            if let doc = function.definition.docstring { lines.append("Docstring:\n\(doc)") }
            lines.append("Type: function")
        case .builtin(let builtin):
            let key = qualifiedName(names, code) ?? builtin.name
            lines += BuiltinDocs.lines(for: key) ?? ["Signature: \(key)(…)"]
            lines.append("Type: builtin_function_or_method")
        case .type(let type):
            lines += BuiltinDocs.lines(for: qualifiedName(names, code) ?? type.name) ?? []
            lines.append("Type: type (\(type.name))")
        case .object(let cls as ClassObject):
            let base = cls.base.map { "(\($0.name))" } ?? ""
            lines.append("Class: \(cls.name)\(base)")
            if case .function(let initializer)? = cls.lookup("__init__") {
                lines.append(
                    "Init signature: \(cls.name)\(signature(of: initializer, dropFirst: true).drop { $0 != "(" })")
            }
            if let doc = cls.docstring { lines.append("Docstring:\n\(doc)") }
        case .module(let module):
            lines.append("Module: \(module.name) (\(attributeNames(of: value).count) names)")
        case .object(let instance as Instance):
            lines.append("Type: \(instance.cls.name)")
            if instance.cls.lookup("__repr__") == nil, let text = try? interpreter.repr(value) { lines.append(text) }
        default:
            lines.append("Type: \(typeName(of: value))")
            if let text = safeRepr(value, detailLevel: detailLevel) { lines.append("Value: \(text)") }
        }
        return Inspection(name: name, text: lines.joined(separator: "\n"))
    }

    /// `f(a, b=1, *args, c, **kwargs)` from a user function's definition.
    func signature(of function: Function, dropFirst: Bool = false) -> String {
        let source = function.source
        var parts: [String] = []
        var keywordOnlyMarked = false
        for parameter in function.definition.parameters.dropFirst(dropFirst ? 1 : 0) {
            var text = parameter.name
            switch parameter.kind {
            case .varArgs:
                text = "*" + text
                keywordOnlyMarked = true
            case .varKeywords: text = "**" + text
            case .keywordOnly where !keywordOnlyMarked:
                parts.append("*")
                keywordOnlyMarked = true
            default: break
            }
            if let expression = parameter.defaultValue {
                let range = expression.range
                let bytes = source.bytes[max(0, range.start)..<min(source.bytes.count, range.end)]
                text += "=" + String(decoding: bytes, as: UTF8.self)
            }
            parts.append(text)
        }
        return "\(function.definition.name)(\(parts.joined(separator: ", ")))"
    }

    /// `torch.nn.Conv2d` for `nn.Conv2d` when `nn` is the module `torch.nn`; `nil` for a bare name.
    private func qualifiedName(_ names: [String], _ code: String) -> String? {
        guard names.count > 1, case .module(let module)? = resolve(Array(names.dropLast(1)), importsIn: code) else {
            return names.count == 1 ? names[0] : nil
        }
        return module.name + "." + names[names.count - 1]
    }

    /// The repr of a value built only from the language's own types (no user `__repr__` is called).
    private func safeRepr(_ value: Value, detailLevel: Int) -> String? {
        switch value {
        case .none, .bool, .int, .float, .str, .size, .dtype, .range:
            return try? interpreter.repr(value)
        case .list(let list) where detailLevel > 0 || list.items.count <= 20:
            return list.items.allSatisfy(isPlain) ? try? interpreter.repr(value) : "a list of \(list.items.count) items"
        case .tuple(let items):
            return items.allSatisfy(isPlain) ? try? interpreter.repr(value) : "a tuple of \(items.count) items"
        case .list(let list):
            return "a list of \(list.items.count) items"
        case .dict(let dict):
            return "a dict of \(dict.count) items"
        default:
            return nil
        }
    }

    private func isPlain(_ value: Value) -> Bool {
        switch value {
        case .none, .bool, .int, .float, .str, .size, .dtype, .tensor: true
        default: false
        }
    }
}
