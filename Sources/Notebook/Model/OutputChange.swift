/// A change to a running cell's outputs that is not one more output: Jupyter's `clear_output` and
/// live displays (`display_data` with a display id, then `update_display_data`).
public enum OutputChange: Sendable, Hashable {
    /// The outputs so far go away; with `wait`, only when the next output arrives.
    case clear(wait: Bool)
    /// `output` (a `display_data`) is shown under `id`, so later updates can redraw it.
    case display(id: String, CellOutput)
    /// Every output shown under `id` takes `output`'s data and metadata.
    case update(id: String, CellOutput)
}

/// A cell's outputs as a notebook stores them once outputs and changes have been applied in order,
/// as nbclient does: a clear empties the list, an update replaces the displays it names.
///
/// ```swift
/// var list = OutputList()
/// list.apply(.display(id: "a", first))
/// list.apply(.update(id: "a", second))
/// list.outputs   // [second]
/// ```
public struct OutputList: Sendable, Hashable {
    /// The outputs now.
    public private(set) var outputs: [CellOutput] = []
    private var displays: [String: [Int]] = [:]
    private var clearOnNextOutput = false

    /// An empty list.
    public init() {}

    /// Appends an output.
    public mutating func append(_ output: CellOutput) {
        clearIfWaiting()
        outputs.append(output)
    }

    /// Applies a change.
    public mutating func apply(_ change: OutputChange) {
        switch change {
        case .clear(let wait):
            if wait {
                clearOnNextOutput = true
            } else {
                clear()
            }
        case .display(let id, let output):
            clearIfWaiting()
            displays[id, default: []].append(outputs.count)
            outputs.append(output)
        case .update(let id, let output):
            for index in displays[id] ?? [] where index < outputs.count {
                outputs[index] = output
            }
        }
    }

    private mutating func clearIfWaiting() {
        if clearOnNextOutput { clear() }
    }

    private mutating func clear() {
        outputs.removeAll()
        displays.removeAll()
        clearOnNextOutput = false
    }
}
