/// IPython's display API, as notebooks written for Jupyter call it:
///
/// ```python
/// from IPython import display                     # or: from IPython.display import display, …
/// display(X)                                      # a tensor's repr; a figure object's picture
/// h = display(fig, display_id=True)               # DisplayHandle with a fresh id
/// h.update(new_fig)                               # redrawn in place (update_display_data)
/// display(fig, display_id='loss')                 # an id of one's own
/// update_display(new_fig, display_id='loss')
/// clear_output(wait=True)                         # cleared just before the next output
/// ```
///
/// `display` is also a builtin, as in IPython's shells. Figure objects come from the display functions
/// called with `display=False` (`plot(losses, display=False)`); anything else shows as its `repr`.
/// `include`, `exclude`, `metadata` and `transient` are accepted and ignored (Convbook sends
/// `text/plain` and `image/png`); `raw=True` takes dicts with a `'text/plain'` entry.
extension Interpreter {
    /// Defines `display` as a builtin and registers the `IPython` and `IPython.display` modules.
    func defineIPythonDisplay(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        define("display", Self.displayFunction)
        let module = Module("IPython.display")
        module.define("display", Self.displayFunction)
        module.define("update_display", Self.updateDisplayFunction)
        module.define("clear_output", Self.clearOutputFunction)
        let handleType = TypeObject("IPython.core.display_functions.DisplayHandle") {
            interpreter, arguments throws(PyError) in
            let values = try arguments.bind("DisplayHandle", ["display_id"])
            let given = values[0] ?? .none
            if case .none = given {
                let id = Interpreter.newDisplayID()
                return .object(DisplayHandle(displayID: .str(id), id: id))
            }
            return .object(DisplayHandle(displayID: given, id: try interpreter.str(given)))
        }
        typeObjects["DisplayHandle"] = handleType
        module.attributes["DisplayHandle"] = .type(handleType)
        modules["IPython.display"] = module
        modules["IPython"] = Module("IPython", ["display": .module(module)])
    }

    /// What `display(value)` shows: a figure object's figure, else the value's `repr`.
    func displayContent(of value: Value) throws(PyError) -> DisplayContent {
        if case .object(let object as FigureObject) = value { return .figure(object.figure) }
        return .text(try repr(value))
    }

    private static func displayFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        var given: Value = .none
        var raw = false
        var clear = false
        var update = false
        for (name, value) in arguments.keywords {
            switch name {
            case "display_id": given = value
            case "raw": raw = try interpreter.truthy(value)
            case "clear": clear = try interpreter.truthy(value)
            case "update": update = try interpreter.truthy(value)
            case "include", "exclude", "metadata", "transient": break
            default: throw PyError.type("display() got an unexpected keyword argument '\(name)'")
            }
        }
        // IPython's rules: True makes a fresh id; a false value (None, False, '', 0) means none.
        var handleID = given
        var id: String?
        if case .bool(true) = given {
            let fresh = newDisplayID()
            handleID = .str(fresh)
            id = fresh
        } else if try interpreter.truthy(given) {
            id = try interpreter.str(given)
        }
        if update, id == nil { throw PyError.type("display_id required for update_display") }
        if clear { interpreter.clearOutput(wait: true) }
        for object in arguments.positional {
            let content = raw ? try interpreter.rawDisplayContent(object) : try interpreter.displayContent(of: object)
            switch (id, content) {
            case (let id?, _) where update: interpreter.updateDisplay(content, id: id)
            case (let id?, _): interpreter.showDisplay(content, id: id)
            case (nil, .figure(let figure)): if interpreter.countFigure() { interpreter.deliver(.display(figure)) }
            case (nil, .text(let text)): interpreter.deliver(.displayText(text))
            }
        }
        guard let id else { return .none }
        return .object(DisplayHandle(displayID: handleID, id: id))
    }

    private static func updateDisplayFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError)
        -> Value
    {
        guard !arguments.positional.isEmpty else {
            throw PyError.type("update_display() missing 1 required positional argument: 'obj'")
        }
        guard arguments.positional.count == 1 else {
            throw PyError.type(
                "update_display() takes 1 positional argument but \(arguments.positional.count) were given")
        }
        guard arguments.keyword("display_id") != nil else {
            throw PyError.type("update_display() missing 1 required keyword-only argument: 'display_id'")
        }
        let keywords = arguments.keywords.filter { $0.name != "update" } + [("update", .bool(true))]
        _ = try displayFunction(interpreter, Arguments(arguments.positional, keywords: keywords))
        return .none
    }

    static func clearOutputFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        let values = try arguments.bind("clear_output", ["wait"])
        interpreter.clearOutput(
            wait: try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false)
        return .none
    }

    /// `display(obj, raw=True)`: `obj` is a dict from MIME type to data, of which Convbook shows `text/plain`.
    private func rawDisplayContent(_ value: Value) throws(PyError) -> DisplayContent {
        guard case .dict(let dict) = value else {
            throw PyError.type("display(raw=True) takes dicts of MIME type to data, not '\(typeName(of: value))'")
        }
        guard case .str(let text)? = dict.get(.str(CodePointKey("text/plain"))) else {
            throw PyError.value("display(raw=True): Convbook shows only 'text/plain' data, and this dict has none")
        }
        return .text(text)
    }
}
