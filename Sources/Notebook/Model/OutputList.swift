/// A cell's outputs as a notebook keeps them once outputs and changes have been applied in order, as
/// nbclient and Jupyter's front ends do: a clear empties the list (with `wait`, when the next output
/// comes; an update is not one), an update replaces the displays shown under its id.
///
/// ```swift
/// var list = OutputList()
/// list.append(.displayData(data: first, displayID: "loss"))
/// list.apply(.update(id: "loss", .displayData(data: second, displayID: "loss")))
/// list.outputs   // [second, under "loss"]
/// ```
///
/// An update costs a dictionary lookup however many outputs there are, and a cell printing a line per
/// step holds one growing text, not one output per line.
public struct OutputList: Sendable, Hashable {
    /// The outputs now.
    public private(set) var outputs: [CellOutput] = []
    /// Whether a `clear_output(wait=True)` is waiting for the next output.
    public private(set) var clearsBeforeNextOutput = false
    /// Where the outputs shown under each display id are.
    private var displays: [String: [Int]] = [:]

    /// A list of `outputs` (display ids included), as stored.
    public init(_ outputs: [CellOutput] = []) {
        for output in outputs { append(output) }
    }

    /// Appends an output (first clearing the list if a clear is waiting); printed text right after text
    /// printed to the same stream joins it, as front ends show it and `convbook run` always stored it.
    public mutating func append(_ output: CellOutput) {
        if clearsBeforeNextOutput { removeAll() }
        if case .stream(let name, let text) = output, case .stream(name, let before)? = outputs.last {
            outputs[outputs.count - 1] = .stream(name, text: before + text)
            return
        }
        if let id = output.displayID { displays[id, default: []].append(outputs.count) }
        outputs.append(output)
    }

    /// Applies a change; `false` for an update of an id no output here is shown under (it belongs to
    /// another cell, or was cleared).
    @discardableResult
    public mutating func apply(_ change: OutputChange) -> Bool {
        switch change {
        case .clear(let wait):
            if wait {
                clearsBeforeNextOutput = true
            } else {
                removeAll()
            }
            return true
        case .update(let id, let output):
            guard let indices = displays[id] else { return false }
            for index in indices { outputs[index] = output }
            return true
        }
    }

    /// Whether an output is shown under `id`.
    public func shows(displayID id: String) -> Bool { displays[id] != nil }

    private mutating func removeAll() {
        outputs.removeAll()
        displays.removeAll()
        clearsBeforeNextOutput = false
    }
}
