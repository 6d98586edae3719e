/// IPython's `DisplayHandle`: what `display(obj, display_id=True)` returns, to redraw that output later.
///
/// ```python
/// h = display(plot(losses, display=False), display_id=True)
/// h.update(plot(losses + [0.1], display=False))   # redrawn in place
/// h.display_id                                    # '5f0c…' (32 hex digits)
/// ```
///
/// `DisplayHandle()` makes one with a fresh id; `h.display(obj)` shows another output under the same id.
final class DisplayHandle: PyObject {
    /// The id as given (`display_id` may be any value; its `str` is the id sent with outputs).
    let displayID: Value
    /// The id sent with outputs.
    let id: String

    init(displayID: Value, id: String) {
        self.displayID = displayID
        self.id = id
    }

    override var typeName: String { "DisplayHandle" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "display_id":
            return displayID
        case "display", "update":
            let update = name == "update"
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    guard arguments.positional.count == 1 else {
                        throw PyError.type(
                            "DisplayHandle.\(name)() missing 1 required positional argument: 'obj'")
                    }
                    let content = try interpreter.displayContent(of: arguments.positional[0])
                    if update {
                        interpreter.updateDisplay(content, id: id)
                    } else {
                        interpreter.showDisplay(content, id: id)
                    }
                    return .none
                })
        default:
            return nil
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<DisplayHandle display_id=\(try interpreter.str(displayID))>"
    }
}
