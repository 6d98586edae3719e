/// `staticmethod(f)`, `classmethod(f)` and `property(getter)`: class attributes that change
/// what reading them through an instance gives.
final class Descriptor: PyObject, CallableObject {
    enum Kind {
        /// Read as the plain function, never bound.
        case staticMethod
        /// Bound to the class instead of the instance.
        case classMethod
        /// Read by calling the getter; assigned through the setter.
        case property(setter: Value?)
    }

    let kind: Kind
    let function: Value

    init(_ kind: Kind, _ function: Value) {
        self.kind = kind
        self.function = function
    }

    override var typeName: String {
        switch kind {
        case .staticMethod: "staticmethod"
        case .classMethod: "classmethod"
        case .property: "property"
        }
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch (kind, name) {
        case (.property, "setter"):
            let getter = function
            return .builtin(
                BuiltinFunction.oneArgument("setter") { _, argument throws(PyError) in
                    return .object(Descriptor(.property(setter: argument), getter))
                })
        case (.property, "fget"), (.staticMethod, "__func__"), (.classMethod, "__func__"):
            return function
        default:
            return nil
        }
    }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        // A staticmethod is callable from inside its own class body, as in Python 3.10+.
        guard case .staticMethod = kind else { return nil }
        return try interpreter.call(function, arguments)
    }
}
