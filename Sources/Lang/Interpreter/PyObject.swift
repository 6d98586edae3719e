import Tensors

/// An object implemented in Swift with attributes and optional call behaviour (layers,
/// context managers, iterators).
class PyObject {
    /// The Python class name shown by `type()` and in error messages.
    var typeName: String { "object" }
    /// Looks up an attribute; `nil` when there is none.
    func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? { nil }
    /// Sets an attribute; returns false when the object does not allow it.
    func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool { false }
    /// Calls the object; `nil` when it is not callable.
    func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? { nil }
    /// The `repr()` text.
    func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<\(typeName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }
    /// The `str()` text; the repr unless the object prints differently (`torch.device`).
    func str(_ interpreter: Interpreter) throws(PyError) -> String { try repr(interpreter) }
    /// Iteration support; `nil` when the object is not iterable.
    func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? { nil }
}
