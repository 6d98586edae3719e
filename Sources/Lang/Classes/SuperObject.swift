/// What `super()` returns: attribute lookup that starts after `owner` in the receiver's class
/// chain and binds what it finds to the receiver.
final class SuperObject: PyObject {
    /// The class whose method called `super()`; lookup starts at its base.
    let owner: ClassObject
    let receiver: Value

    init(owner: ClassObject, receiver: Value) {
        self.owner = owner
        self.receiver = receiver
    }

    override var typeName: String { "super" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        guard let value = owner.base?.lookup(name) else {
            if name == "__init__" {
                // object.__init__: accepts no arguments and does nothing.
                return .builtin(
                    BuiltinFunction("__init__") { _, arguments throws(PyError) in
                        guard arguments.positional.isEmpty && arguments.keywords.isEmpty else {
                            throw PyError.type(
                                "object.__init__() takes exactly one argument (the instance to initialize)")
                        }
                        return .none
                    })
            }
            return nil
        }
        return try interpreter.bindClassAttribute(value, to: receiver)
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<super: <class '\(owner.name)'>, <\(Lang.typeName(of: receiver)) object>>"
    }
}
