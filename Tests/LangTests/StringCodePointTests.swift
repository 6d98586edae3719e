import Testing

@testable import Lang

/// The code-point view of `str` (`String+CodePoints.swift`) checked against naive loops over
/// arrays of code points, on every string of up to five code points drawn from a few that
/// Swift's `String` treats specially: a combining mark (which joins the letter before it into one
/// `Character`), its precomposed equivalent, `\r` and `\n` (one `Character` together) and an
/// emoji with a skin-tone modifier.
@Suite("str as code points")
struct StringCodePointTests {
    static let alphabet: [Unicode.Scalar] = ["e", "\u{301}", "\u{E9}", "\r", "\n", "\u{1F44D}", "\u{1F3FD}"]

    /// Every sequence of `0...length` code points over `alphabet`.
    static func all(upTo length: Int, over alphabet: [Unicode.Scalar] = alphabet) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = [[]]
        var previous: [[Unicode.Scalar]] = [[]]
        for _ in 0..<length {
            previous = previous.flatMap { prefix in alphabet.map { prefix + [$0] } }
            result += previous
        }
        return result
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// Non-overlapping occurrences from the left, as Python's `str.find` and `str.count` see them.
    static func naiveOccurrences(of needle: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Int] {
        var result: [Int] = []
        var start = 0
        while start + needle.count <= text.count {
            if Array(text[start..<start + needle.count]) == needle {
                result.append(start)
                start += needle.count
            } else {
                start += 1
            }
        }
        return result
    }

    @Test("length, equality and order are the code points'")
    func lengthEqualityOrder() {
        let texts = StringCodePointTests.all(upTo: 3)
        for a in texts {
            let left = StringCodePointTests.string(a)
            #expect(left.codePointCount == a.count)
            for b in texts {
                let right = StringCodePointTests.string(b)
                #expect(left.hasSameCodePoints(as: right) == (a == b))
                let expected =
                    a.lexicographicallyPrecedes(b, by: { $0.value < $1.value }) ? -1 : a == b ? 0 : 1
                #expect(left.codePointOrder(right) == expected, "\(a) \(b)")
                #expect(left.startsWithCodePoints(right) == a.starts(with: b))
                #expect(left.endsWithCodePoints(right) == a.reversed().starts(with: b.reversed()))
                #expect((CodePointKey(left) == CodePointKey(right)) == (a == b))
                if a == b { #expect(CodePointKey(left).hashValue == CodePointKey(right).hashValue) }
            }
        }
    }

    @Test("search positions and counts match a naive scan")
    func search() {
        let needles = StringCodePointTests.all(upTo: 2).filter { !$0.isEmpty }
        for text in StringCodePointTests.all(upTo: 4, over: ["e", "\u{301}", "\u{E9}", "\u{1F44D}"]) {
            let haystack = StringCodePointTests.string(text)
            for needle in needles + [text].filter({ !$0.isEmpty }) {
                let pattern = StringCodePointTests.string(needle)
                let expected = StringCodePointTests.naiveOccurrences(of: needle, in: text)
                var found: [Int] = []
                haystack.forEachOccurrence(of: pattern) { offset, _ in
                    found.append(haystack.codePointCount(inFirst: offset))
                }
                #expect(found == expected, "\(needle) in \(text)")
                let first = haystack.firstOccurrence(of: pattern).map { haystack.codePointCount(inFirst: $0) }
                #expect(first == expected.first)
            }
        }
    }

    @Test("the search stays linear on a text built to defeat a naive one")
    func searchIsLinear() {
        let text = String(repeating: "a", count: 200_000) + "b"
        let needle = String(repeating: "a", count: 50_000) + "b"
        #expect(text.firstOccurrence(of: needle) == 150_000)
        var count = 0
        text.forEachOccurrence(of: "aa") { _, _ in count += 1 }
        #expect(count == 100_000)
    }

    @Test("indexing and slicing walk code points")
    func indexingAndSlicing() {
        for scalars in StringCodePointTests.all(upTo: 4, over: ["e", "\u{301}", "\r", "\n", "\u{1F44D}"]) {
            let text = StringCodePointTests.string(scalars)
            for position in -scalars.count - 1...scalars.count {
                let resolved = position < 0 ? position + scalars.count : position
                let expected = (0..<scalars.count).contains(resolved) ? scalars[resolved] : nil
                #expect(text.codePoint(at: position) == expected)
            }
            for start in 0..<max(1, scalars.count) {
                for step in [-3, -2, -1, 1, 2, 3] {
                    var positions: [Int] = []
                    var position = start
                    while (0..<scalars.count).contains(position) {
                        positions.append(position)
                        position += step
                    }
                    let expected = StringCodePointTests.string(positions.map { scalars[$0] })
                    let slice = text.codePoints(from: start, step: step, count: positions.count)
                    #expect(slice.hasSameCodePoints(as: expected), "\(scalars) \(start) \(step)")
                }
            }
        }
    }
}
