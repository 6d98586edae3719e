extension Interpreter {
    /// `object.name`.
    func attribute(_ object: Value, _ name: String) throws(PyError) -> Value {
        switch object {
        case .module(let module):
            if let value = module.attribute(name) { return value }
            if let submodule = modules[module.name + "." + name] { return .module(submodule) }
            throw PyError(
                .attributeError,
                "module '\(module.name)' has no attribute '\(name)'" + Interpreter.subsetNote(module.name))
        case .str(let text):
            if let method = stringMethod(text, name) { return .builtin(method) }
        case .list(let box):
            if let method = listMethod(box, name) { return .builtin(method) }
        case .dict(let box):
            if let method = dictMethod(box, name) { return .builtin(method) }
        case .tuple(let items):
            if let method = tupleMethod(items, name) { return .builtin(method) }
        case .size(let sizes):
            if name == "numel" {
                return .builtin(BuiltinFunction("numel") { _, _ in .int(sizes.reduce(1, *)) })
            }
            if let method = tupleMethod(sizes.map { .int($0) }, name) { return .builtin(method) }
        case .float(let number):
            if name == "is_integer" {
                return .builtin(BuiltinFunction(name) { _, _ in .bool(number.rounded() == number) })
            }
            if name == "real" { return object }
        case .int:
            if name == "real" { return object }
        case .tensor(let box):
            return try tensorAttribute(box, name)
        case .dtype(let dtype):
            if name == "is_floating_point" { return .bool(dtype.isFloatingPoint) }
        case .function(let function):
            if name == "__name__" { return .str(function.definition.name) }
            if name == "__qualname__" { return .str(function.qualifiedName) }
            if name == "__doc__" { return function.definition.docstring.map { .str($0) } ?? .none }
        case .builtin(let builtin):
            if name == "__name__" { return .str(builtin.name) }
        case .type(let type):
            // `torch.nn.modules.Conv2d` is named `Conv2d`.
            if name == "__name__" { return .str(type.name.split(separator: ".").last.map(String.init) ?? type.name) }
        case .object(let custom):
            if let value = try custom.attribute(name, self) { return value }
            throw PyError(.attributeError, "'\(custom.typeName)' object has no attribute '\(name)'")
        default:
            break
        }
        throw PyError(.attributeError, "'\(typeName(of: object))' object has no attribute '\(name)'")
    }

    /// `object.name = value`.
    func setAttribute(_ object: Value, _ name: String, _ value: Value) throws(PyError) {
        switch object {
        case .object(let custom):
            if let instance = custom as? Instance {
                try setInstanceAttribute(instance, name, value)
                return
            }
            if try custom.setAttribute(name, value) { return }
        case .module(let module):
            module.attributes[name] = value
            return
        case .function:
            throw PyError(.attributeError, "function attributes cannot be set in this language")
        case .tensor(let box):
            try tensorSetAttribute(box, name, value)
            return
        default:
            break
        }
        throw PyError(.attributeError, "'\(typeName(of: object))' object has no attribute '\(name)'")
    }

    func hasAttribute(_ object: Value, _ name: String) -> Bool {
        (try? attribute(object, name)) != nil
    }
}
