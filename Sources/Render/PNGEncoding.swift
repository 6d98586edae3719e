/// Which encoder turns a rendered canvas into PNG bytes.
///
/// Figures always use ``fast``; the others exist so `convbook bench render --encodings` can show,
/// in one process, why the hand-written encoder stays (README, "Hand-written parts that stay").
public enum PNGEncoding: String, CaseIterable, Sendable {
    /// ``PNGEncoder``: a single pass that writes only the matches a figure's repetition needs.
    case fast
    /// zlib's `compress2` at its fastest level, rows unfiltered.
    case zlib
    /// Cairo's own writer (libpng, RGBA, zlib's default level).
    case cairo
}
