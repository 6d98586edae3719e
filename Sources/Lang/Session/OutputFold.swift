/// A cell's outputs as they stand after each output in turn, as a notebook front end shows them.
///
/// Live displays and clears change what is there rather than adding to it:
/// - `.liveDisplay(content, id:, update: false)` adds an output under `id`; `update: true` gives every
///   output under `id` the new content, in place (Jupyter's `update_display_data`). An update of an id
///   this cell did not show (a display of an earlier cell) is kept once, with its latest content, for the
///   host to apply there.
/// - `.clear(wait: false)` removes everything so far; `.clear(wait: true)` does so when the next output
///   arrives (an update is not one), so a loop that clears and redraws never shows an empty cell.
///
/// ```swift
/// var fold = OutputFold()
/// fold.apply(.liveDisplay(.text("1"), id: "x", update: false))
/// fold.apply(.stdout("epoch 1\n"))
/// fold.apply(.liveDisplay(.text("2"), id: "x", update: true))
/// fold.outputs   // [.liveDisplay(.text("2"), id: "x", update: false), .stdout("epoch 1\n")]
/// ```
///
/// Updates cost no more than a dictionary lookup however many outputs the cell has, and only the latest
/// content of each display is kept, so a loop that redraws a figure 10,000 times holds one figure.
public struct OutputFold: Sendable {
    /// The outputs now.
    public private(set) var outputs: [CellOutput] = []
    /// Whether a `clear_output(wait=True)` is waiting for the next output.
    public private(set) var clearsBeforeNextOutput = false
    /// Where the outputs shown under each display id are, in ``outputs``.
    private var shown: [String: [Int]] = [:]
    /// Where the kept update of each display id this cell did not show is, in ``outputs``.
    private var foreignUpdates: [String: Int] = [:]

    /// An empty list.
    public init() {}

    /// Applies the next output.
    public mutating func apply(_ output: CellOutput) {
        switch output {
        case .clear(let wait):
            if wait {
                clearsBeforeNextOutput = true
            } else {
                removeAll()
            }
        case .liveDisplay(let content, let id, true):
            if let indices = shown[id] {
                for index in indices { outputs[index] = .liveDisplay(content, id: id, update: false) }
            } else if let index = foreignUpdates[id] {
                outputs[index] = output
            } else {
                foreignUpdates[id] = outputs.count
                outputs.append(output)
            }
        case .liveDisplay(_, let id, false):
            if clearsBeforeNextOutput { removeAll() }
            shown[id, default: []].append(outputs.count)
            outputs.append(output)
        case .stdout, .stderr, .result, .display, .displayText:
            if clearsBeforeNextOutput { removeAll() }
            outputs.append(output)
        }
    }

    private mutating func removeAll() {
        outputs.removeAll()
        shown.removeAll()
        foreignUpdates.removeAll()
        clearsBeforeNextOutput = false
    }
}
