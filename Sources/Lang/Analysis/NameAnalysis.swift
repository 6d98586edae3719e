/// Which global names a cell assigns and which it reads, from its parsed code.
///
/// The server uses it to mark cells stale: a cell that reads `X` depends on the cells that assign `X`.
/// `defines` holds names bound at the top level (assignment and augmented-assignment targets, `for`
/// and `with … as` targets, `except … as` names, `def` names, imports, and names a function declares
/// `global` and assigns). `uses` holds names read that are not defined earlier in the same cell; a
/// function body's free names count as uses unless the cell defines them somewhere at the top level.
///
/// ```swift
/// let names = NameAnalysis.analyze("Y = X + 1\nZ = Y * 2")
/// names.defines  // ["Y", "Z"]
/// names.uses     // ["X"]
/// ```
///
/// Code with a syntax error defines and uses nothing (it cannot run, so it reads and binds no names) and
/// says so in ``Result/parses``; the analysis itself never fails.
public enum NameAnalysis {
    /// The names one cell defines and uses.
    public struct Result: Sendable, Hashable {
        /// Names the cell binds at the top level.
        public var defines: Set<String>
        /// Names the cell reads that it has not bound before reading them.
        public var uses: Set<String>
        /// Whether the source parsed; when it did not, `defines` and `uses` are empty.
        public var parses: Bool
        /// The names of `defines` that only `import` statements bind. Running the cell again binds the same
        /// modules, so these are not new values (a re-run of `import torch` changes nothing its readers read).
        public var imports: Set<String> = []

        /// The names whose values a run of the cell replaces: `defines` without the imported ones.
        public var rebinds: Set<String> { defines.subtracting(imports) }

        /// Creates a result.
        public init(defines: Set<String>, uses: Set<String>, parses: Bool = true) {
            self.defines = defines
            self.uses = uses
            self.parses = parses
        }
    }

    /// Analyses a cell's source text.
    public static func analyze(_ source: String) -> Result {
        let parsed = Parser.parse(Source(name: "<cell>", text: source))
        guard parsed.errors.isEmpty else { return Result(defines: [], uses: [], parses: false) }
        var walker = NameWalker()
        walker.walkTopLevel(parsed.statements)
        var result = Result(defines: walker.defined, uses: walker.used)
        result.imports = walker.importedOnly
        return result
    }
}
