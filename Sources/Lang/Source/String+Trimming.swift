/// Trimming without Foundation: `text.trimmingCharacters(in: .whitespaces)` drops spaces and tabs at both ends.
extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}

extension Set where Element == Character {
    /// Spaces and tabs.
    static var whitespaces: Set<Character> { [" ", "\t"] }
}
