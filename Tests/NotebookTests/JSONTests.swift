import Foundation
import Testing

@testable import Notebook

@Suite("JSON reading and writing")
struct JSONTests {
    /// Valid JSON texts: the parser must agree with Foundation's JSONSerialization on every one.
    static let validCorpus = [
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"false"#, #"0"#, #"-0.5"#, #"1e3"#, #"1E-2"#, #"12345678901"#,
        #""""#, #""a\"b\\c\/d\b\f\n\r\t""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""héllo ✓ 😀""#,
        #"{"a": [1, 2, {"b": null}], "c": "d"}"#, " \n\t[ 1 , 2 ]\r\n", #"[[[[[]]]]]"#,
        #"{"z": 1, "a": 2, "m": [true, false]}"#,
    ]

    @Test("agrees with JSONSerialization on valid texts", arguments: validCorpus)
    func agreesWithFoundation(text: String) throws {
        let ours = try JSONParser.parse(Array(text.utf8))
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(ours == Self.convert(theirs))
    }

    /// Foundation's result as a JSONValue (booleans are NSNumbers of C type `char`).
    static func convert(_ value: Any) -> JSONValue {
        switch value {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let array as [Any]: return .array(array.map(convert))
        case let dictionary as [String: Any]:
            var object = JSONObject()
            for (key, element) in dictionary { object[key] = convert(element) }
            return .object(object)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        default: return .string("unexpected \(type(of: value))")
        }
    }

    @Test(
        "malformed texts are refused with the place of the problem",
        arguments: [
            ("{\"a\": 1,\n \"b\" 2}", "expected ':' after the key 'b', found '2'", 2, 6),
            ("[1, 2", "expected ',' or ']' after an array element, found end of text", 1, 6),
            ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after an object member, found '\"'", 1, 9),
            ("[01]", "numbers may not have leading zeros", 1, 2),
            ("[1.]", "expected a digit after the decimal point, found ']'", 1, 4),
            ("\"abc", "unterminated string", 1, 1),
            ("[\"a\tb\"]", "control character U+0009 must be escaped inside a string", 1, 4),
            ("[\"\\x\"]", "invalid escape '\\x' in a string", 1, 3),
            ("{\"é\": tru}", "unexpected 't', expected a value", 1, 7),
            ("[1] 2", "unexpected '2' after the JSON value", 1, 5),
            ("", "unexpected end of text, expected a value", 1, 1),
            ("{'a': 1}", "expected a string key in quotes, found '''", 1, 2),
        ])
    func malformed(text: String, message: String, line: Int, column: Int) {
        let bytes = Array(text.utf8)
        #expect {
            _ = try JSONParser.parse(bytes)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.message == message
                && SourcePosition.locate(offset: error.offset, in: bytes) == SourcePosition(line: line, column: column)
        }
    }

    @Test("deep nesting is refused as a limit, never a stack overflow")
    func depthLimit() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect {
            _ = try JSONParser.parse(Array(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.isDepthLimit == true
        }
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        #expect(throws: JSONSyntaxError("the string is not valid UTF-8", at: 1)) { try JSONParser.parse(bytes) }
    }

    @Test("a lone surrogate escape becomes U+FFFD instead of failing")
    func loneSurrogate() throws {
        #expect(try JSONParser.parse(Array(#""\ud800x""#.utf8)) == .string("\u{FFFD}x"))
    }

    /// nbformat wrote the fixture with Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False):
    /// parsing it and writing it back must give the same bytes.
    @Test(
        "writes byte for byte what Python's json module wrote", arguments: ["jupyter_written.ipynb", "expected.json"])
    func matchesPython(fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes(fixture)
        let value = try JSONParser.parse(bytes)
        #expect(JSONWriter.jupyter(value) == String(decoding: bytes, as: UTF8.self))
    }

    @Test("objects keep insertion order, compare without it, and keep the last of repeated keys")
    func objectOrder() throws {
        let value = try JSONParser.parse(Array(#"{"b": 1, "a": 2, "b": 3}"#.utf8))
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == 3)
        #expect(value == ["a": 2, "b": 3])
        #expect(JSONWriter.compact(value) == #"{"b": 3, "a": 2}"#)
    }

    @Test("numbers print as Python prints them")
    func numbers() {
        #expect(JSONWriter.compact([1, 2.5, -0.125, 1e-05, 100_000_000]) == "[1, 2.5, -0.125, 1e-05, 100000000]")
    }
}
