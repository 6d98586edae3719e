import Notebook

/// What an example notebook says about itself in its first cell's `example` metadata: its place among the
/// examples and the section of *Dive into Deep Learning* it follows.
///
/// ```python
/// # %% [markdown] example={"number": 10, "section": "7.5", "sectionTitle": "Pooling", "url": "https://d2l.ai/…"}
/// # # 10. Pooling
/// ```
public struct ExampleInfo: Sendable, Hashable, Codable {
    /// Its place in the book's order (1, 2, …).
    public var number: Int
    /// The book's section it follows ("7.4").
    public var section: String
    /// That section's title ("Multiple Input and Multiple Output Channels").
    public var sectionTitle: String
    /// The section online; only `https://` addresses are kept.
    public var url: String?

    /// Creates a description.
    public init(number: Int, section: String, sectionTitle: String, url: String? = nil) {
        self.number = number
        self.section = section
        self.sectionTitle = sectionTitle
        self.url = url
    }

    /// Reads the metadata value; `nil` unless it has a number, a section and a section title (a bad `url`
    /// is dropped).
    public init?(metadata value: JSONValue) {
        guard let object = value.objectValue, let number = object["number"]?.intValue,
            let section = object["section"]?.stringValue, let sectionTitle = object["sectionTitle"]?.stringValue
        else { return nil }
        let url = object["url"]?.stringValue.flatMap { $0.hasPrefix("https://") ? $0 : nil }
        self.init(number: number, section: section, sectionTitle: sectionTitle, url: url)
    }
}
