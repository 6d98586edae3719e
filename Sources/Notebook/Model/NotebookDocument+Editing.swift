extension NotebookDocument {
    /// Every PNG shown by the notebook's outputs, once per content hash, in order of first appearance
    /// (what the store keeps by hash).
    public var pngImages: [PNGImage] {
        var seen: Set<String> = []
        var images: [PNGImage] = []
        for cell in cells {
            for output in cell.outputs {
                if let png = output.data?.png, seen.insert(png.sha256).inserted { images.append(png) }
            }
        }
        return images
    }

    /// Inserts a code cell tagged `injected-parameters` holding `source`, papermill's way: an earlier
    /// injected cell is replaced; the new one goes right after the cell tagged `parameters`, or first when
    /// there is none. Returns the new cell's index.
    @discardableResult
    public mutating func injectParameters(source: String) -> Int {
        cells.removeAll { $0.tags.contains(Cell.injectedParametersTag) }
        let cell = Cell(
            id: CellID.random(avoiding: Set(cells.map(\.id))), kind: .code, source: source,
            tags: [Cell.injectedParametersTag])
        let index = parametersCellIndex.map { $0 + 1 } ?? 0
        cells.insert(cell, at: index)
        return index
    }

    /// Applies an update of a display (`update_display_data`) to the outputs of the cells before `end` that
    /// show it, as a front end redraws every output under the id; other changes are for the running cell.
    public mutating func apply(_ change: OutputChange, before end: Int) {
        guard case .update(let id, _) = change else { return }
        for index in cells.indices.prefix(end) where cells[index].outputs.contains(where: { $0.displayID == id }) {
            var list = OutputList(cells[index].outputs)
            list.apply(change)
            cells[index].outputs = list.outputs
        }
    }

    /// The notebook with every code cell's outputs, execution count and timing removed.
    public func clearingOutputs() -> NotebookDocument {
        var copy = self
        for index in copy.cells.indices {
            copy.cells[index].outputs = []
            copy.cells[index].executionCount = nil
            copy.cells[index].timing = nil
        }
        return copy
    }
}
