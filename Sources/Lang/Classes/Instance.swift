/// An instance of a ``ClassObject``: its own attributes, and for `nn.Module` subclasses the
/// module's registered parameters and submodules.
final class Instance: PyObject {
    let cls: ClassObject
    /// Instance attributes (`self.x = …`), Python's `__dict__`.
    var attributes: [String: Value] = [:]
    /// The `nn.Module` registry, created by `nn.Module.__init__`; `nil` before that call (and
    /// always for classes that are not modules).
    var module: ModuleRegistry?
    /// The exception fields (`args`, `__cause__`, …) of an instance of an exception class; `nil`
    /// for other classes.
    var exception: ExceptionState?

    init(cls: ClassObject) {
        self.cls = cls
    }

    override var typeName: String { cls.name }

    /// The `def` that `instance.name` would bind, when that is all reading it does (no instance
    /// attribute shadows it); lets `instance.name(…)` skip making a bound method.
    func plainMethod(_ name: String) -> Function? {
        guard attributes[name] == nil, case .function(let function)? = cls.lookup(name) else { return nil }
        return function
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        try interpreter.instanceAttribute(self, name)
    }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        guard let method = cls.lookup("__call__") else { return nil }
        return try interpreter.call(try interpreter.bindClassAttribute(method, to: .object(self)), arguments)
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        if let method = cls.lookup("__repr__") {
            return try interpreter.callReturningString(method, on: self, "__repr__")
        }
        return
            "<\(cls.qualifiedName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }

    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        guard let method = cls.lookup("__iter__") else { return nil }
        let iterable = try interpreter.call(try interpreter.bindClassAttribute(method, to: .object(self)), Arguments())
        // An iterator object (often `self`): ask its `__next__` until StopIteration.
        if case .object(let iterator as Instance) = iterable {
            guard let next = iterator.cls.lookup("__next__") else {
                throw PyError.type("iter() returned non-iterator of type '\(iterator.cls.name)'")
            }
            let bound = try interpreter.bindClassAttribute(next, to: iterable)
            return ValueIterator(
                .custom({ () throws(PyError) in
                    try interpreter.checkInterrupt()
                    do throws(PyError) {
                        return try interpreter.call(bound, Arguments())
                    } catch {
                        if interpreter.error(error, isA: .stopIteration) { return nil }
                        throw error
                    }
                }))
        }
        return try interpreter.makeIterator(iterable)
    }
}
