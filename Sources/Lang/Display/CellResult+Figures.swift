import Figures

extension CellResult {
    /// The figures the cell showed, in order.
    public var figures: [Figure] {
        outputs.compactMap { output in
            if case .display(let figure) = output { return figure }
            return nil
        }
    }
}
