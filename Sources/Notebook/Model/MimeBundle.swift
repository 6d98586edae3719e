/// The representations of one displayed value, keyed by MIME type (Jupyter's "data bundle").
///
/// Convbook produces `text/plain` and `image/png`; other types found in imported notebooks
/// (`text/html`, `image/jpeg`, `application/json`, …) are kept verbatim in `other` and written back unchanged.
public struct MimeBundle: Sendable, Hashable, Codable {
    /// `text/plain`.
    public var text: String?
    /// `image/png`, decoded from base64.
    public var png: PNGImage?
    /// Every other MIME type, with its JSON value as found.
    public var other: JSONObject

    /// Creates a bundle.
    public init(text: String? = nil, png: PNGImage? = nil, other: JSONObject = JSONObject()) {
        self.text = text
        self.png = png
        self.other = other
    }

    /// Whether the bundle holds no representation at all.
    public var isEmpty: Bool { text == nil && png == nil && other.isEmpty }

    /// The `text/plain` form written for the bundle: its text, or for a picture without one a stand-in
    /// such as `<PNG image 64×48>` (every display needs a text form for consoles and viewers that show no
    /// pictures).
    public var plainText: String? { text ?? png.map(IPYNBCodec.placeholderText(for:)) }
}
