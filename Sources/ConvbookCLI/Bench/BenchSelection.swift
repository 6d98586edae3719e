import ArgumentParser

/// A comma-separated option value naming some of a benchmark's shapes, cases or algorithms
/// (`--shapes a,b`); empty means all of them.
enum BenchSelection {
    /// The names in `list`, without the spaces around them.
    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A usage error for the first name in `list` that is not one of `known` (a `kind`, such
    /// as "shape"), listing the known ones.
    static func validate(_ list: String, kind: String, known: [String]) throws {
        for name in names(list) where !known.contains(name) {
            throw ValidationError("unknown \(kind) '\(name)'; known: \(known.joined(separator: ", "))")
        }
    }
}
