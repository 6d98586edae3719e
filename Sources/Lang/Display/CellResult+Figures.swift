import Figures

extension CellResult {
    /// The figures the cell shows at its end, in order (a live figure in its last drawing).
    public var figures: [Figure] {
        outputs.compactMap { output in
            switch output {
            case .display(let figure), .liveDisplay(.figure(let figure), _, _): figure
            default: nil
            }
        }
    }
}
