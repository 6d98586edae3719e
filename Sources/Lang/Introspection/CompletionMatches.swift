/// What completing the code at a cursor offers (Jupyter's `complete_reply`).
public struct CompletionMatches: Sendable, Hashable {
    /// The names that fit, sorted (private `_` names only when the typed part starts with `_`).
    public var matches: [String]
    /// Where the replaced text starts, in Unicode code points.
    public var cursorStart: Int
    /// Where it ends (the cursor).
    public var cursorEnd: Int

    /// Creates a completion result.
    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// What inspecting the name at a cursor shows (Jupyter's `inspect_reply`): plain text about the value.
public struct Inspection: Sendable, Hashable {
    /// The dotted name inspected, e.g. `torch.zeros`.
    public var name: String
    /// Lines such as `Signature: …`, `Type: Tensor`, `Shape: torch.Size([2, 3])`, `Docstring: …`.
    public var text: String

    /// Creates an inspection result.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
