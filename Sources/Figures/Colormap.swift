/// A colour scale that maps a normalised value in [0, 1] to a colour.
///
/// Every map is a 256-entry lookup table, so rendering a cell is one table read. Values that are
/// not finite (NaN, ±Inf) are drawn in ``nonFiniteColor``, which none of the maps contain.
public enum Colormap: String, Sendable, Hashable, CaseIterable {
    /// Matplotlib's viridis: perceptually uniform, dark blue (low) to yellow (high). The default.
    case viridis
    /// Blue–white–red (matplotlib's `RdBu_r`), for signed data: white sits at the centre of the
    /// scale, which a diverging figure places at 0.
    case diverging
    /// Black (low) to white (high).
    case gray

    /// The colour drawn for NaN and ±Inf: a magenta that none of the maps produce.
    public static let nonFiniteColor = RGB(red: 255, green: 0, blue: 255)

    /// The names ``init(name:)`` accepts, for error messages ("cmap must be one of …").
    public static let names = ["viridis", "diverging", "RdBu_r", "coolwarm", "bwr", "seismic", "gray"]

    /// Looks a colormap up by the names people type (`"viridis"`, `"RdBu_r"`, `"coolwarm"`,
    /// `"gray"`, …); `nil` for an unknown name.
    public init?(name: String) {
        switch name.lowercased() {
        case "viridis": self = .viridis
        case "diverging", "rdbu_r", "rdbu", "coolwarm", "bwr", "seismic": self = .diverging
        case "gray", "grey", "greys", "greys_r", "binary_r": self = .gray
        default: return nil
        }
    }

    /// Whether the map is centred on a midpoint (figures then centre the scale on 0).
    public var isDiverging: Bool { self == .diverging }

    /// The 256 colours of the map as `0xRRGGBB`, lowest value first.
    public var table: [UInt32] {
        switch self {
        case .viridis: Colormap.viridisTable
        case .diverging: Colormap.divergingTable
        case .gray: Colormap.grayTable
        }
    }

    /// The table index of a normalised value, as matplotlib computes it (`Int(t * 256)`,
    /// clamped), so 0.5 falls on entry 128, the centre colour of a diverging map.
    public static func index(of normalized: Float) -> Int {
        guard normalized.isFinite else { return 0 }
        let scaled = Int((normalized * 256).rounded(.down).clamped(to: -1...256))
        return min(max(scaled, 0), 255)
    }

    /// The colour of a normalised value in [0, 1] (clamped); ``nonFiniteColor`` for NaN.
    public func color(at normalized: Float) -> RGB {
        guard !normalized.isNaN else { return Colormap.nonFiniteColor }
        return RGB(packed: table[Colormap.index(of: normalized)])
    }

    private static let grayTable: [UInt32] = (0..<256).map { UInt32($0) * 0x010101 }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
