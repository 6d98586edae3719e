/// A path to a value inside a JSON document, as error messages write it: `cells[3].outputs[0].data['image/png']`.
enum JSONPath {
    /// One step: an object key or an array index.
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps of a path written as `a.b[3]['c/d']`; the empty string is the whole document.
    static func components(of path: String) -> [Component] {
        var components: [Component] = []
        var scalars = Substring(path).unicodeScalars[...]
        var name = ""
        func flushName() {
            if !name.isEmpty { components.append(.key(name)) }
            name = ""
        }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case ".":
                flushName()
            case "[":
                flushName()
                guard let close = scalars.firstIndex(of: "]") else { return components }
                let inside = String(scalars[..<close])
                scalars = scalars[scalars.index(after: close)...]
                if inside.hasPrefix("'"), inside.hasSuffix("'"), inside.count >= 2 {
                    components.append(.key(String(inside.dropFirst().dropLast())))
                } else if let index = Int(inside) {
                    components.append(.index(index))
                }
            default:
                name.unicodeScalars.append(scalar)
            }
        }
        flushName()
        return components
    }
}

extension JSONParser {
    /// The byte offset where the value at `path` starts in a JSON text, or where the walk stopped (the
    /// deepest value found) when the path goes further than the document. Used only to place an error.
    static func offset(of path: [JSONPath.Component], in bytes: [UInt8]) -> Int {
        var parser = JSONParser(bytes: bytes, start: 0, maxDepth: defaultMaxDepth)
        parser.skipWhitespace()
        var found = parser.index
        for component in path {
            guard parser.step(into: component) else { return found }
            found = parser.index
        }
        return found
    }
}
