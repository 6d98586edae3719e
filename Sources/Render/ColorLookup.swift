import Figures

/// Maps values to ARGB32 pixels through a colormap's 256-entry table.
struct ColorLookup {
    let table: [UInt32]
    static let nonFinite = Colormap.nonFiniteColor.argb

    init(colormap: Colormap) {
        table = colormap.table.map { 0xFF00_0000 | $0 }
    }

    /// The pixel colour of every value of `panel`, row-major.
    func colors(of panel: Matrix, range: ValueRange) -> [UInt32] {
        let lower = range.lower
        let factor = 256 / (range.upper - range.lower)
        return table.withUnsafeBufferPointer { table in
            panel.values.map { value in
                guard value.isFinite else { return Self.nonFinite }
                let position = (value - lower) * factor
                let index = position.isFinite ? Int(min(max(position, 0), 255)) : (value > lower ? 255 : 0)
                return table[index]
            }
        }
    }

    /// The colour of table entry `index`.
    func color(at index: Int) -> UInt32 { table[min(max(index, 0), 255)] }
}
