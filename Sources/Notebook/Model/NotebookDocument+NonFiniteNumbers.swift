/// A number in a notebook's JSON that JSON cannot hold (`NaN`, `Infinity`, `-Infinity`, or one too large
/// for a double, such as `1e400`), which Python's `json` writes by default and Convbook replaces by `null`.
public struct NonFiniteNumber: Sendable, Hashable, CustomStringConvertible {
    /// Where it was, as in a `.ipynb` file: `metadata.scale`, `cells[2].outputs[0].data['application/json'].y`.
    public var path: String
    /// The value read: NaN or an infinity.
    public var value: Double

    /// Creates a record of a replaced number.
    public init(path: String, value: Double) {
        self.path = path
        self.value = value
    }

    /// `metadata.scale (NaN)`.
    public var description: String {
        "\(path) (\(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity"))"
    }

    /// One sentence naming the replaced values (the first `limit` of them), or `nil` when there are none.
    ///
    /// ```swift
    /// NonFiniteNumber.note(replaced)
    /// // "2 numbers JSON cannot hold were replaced by null: metadata.scale (NaN), cells[0].metadata.r (Infinity)"
    /// ```
    public static func note(_ replaced: [NonFiniteNumber], limit: Int = 10) -> String? {
        guard !replaced.isEmpty else { return nil }
        let count =
            replaced.count == 1 ? "1 number JSON cannot hold was" : "\(replaced.count) numbers JSON cannot hold were"
        var list = replaced.prefix(limit).map(\.description).joined(separator: ", ")
        if replaced.count > limit { list += " and \(replaced.count - limit) more" }
        return "\(count) replaced by null: \(list)"
    }
}

extension NotebookDocument {
    /// Replaces every non-finite number in the notebook's JSON (notebook metadata, cell metadata, output
    /// metadata and JSON output data) by `null`, as the JSON writer would write it anyway, and returns
    /// what was replaced, in file order, for the importer to say so.
    public mutating func replaceNonFiniteNumbers() -> [NonFiniteNumber] {
        var replaced: [NonFiniteNumber] = []
        metadata = metadata.replacingNonFiniteNumbers(at: "metadata", into: &replaced)
        for index in cells.indices {
            let path = "cells[\(index)]"
            cells[index].metadata = cells[index].metadata.replacingNonFiniteNumbers(
                at: "\(path).metadata", into: &replaced)
            for outputIndex in cells[index].outputs.indices {
                let outputPath = "\(path).outputs[\(outputIndex)]"
                cells[index].outputs[outputIndex] = cells[index].outputs[outputIndex].replacingNonFiniteNumbers(
                    at: outputPath, into: &replaced)
            }
        }
        return replaced
    }
}

extension CellOutput {
    fileprivate func replacingNonFiniteNumbers(at path: String, into replaced: inout [NonFiniteNumber]) -> CellOutput {
        switch self {
        case .executeResult(let count, var data, let metadata):
            data.other = data.other.replacingNonFiniteNumbers(at: "\(path).data", into: &replaced)
            return .executeResult(
                executionCount: count, data: data,
                metadata: metadata.replacingNonFiniteNumbers(at: "\(path).metadata", into: &replaced))
        case .displayData(var data, let metadata, let displayID):
            data.other = data.other.replacingNonFiniteNumbers(at: "\(path).data", into: &replaced)
            return .displayData(
                data: data, metadata: metadata.replacingNonFiniteNumbers(at: "\(path).metadata", into: &replaced),
                displayID: displayID)
        case .stream, .error:
            return self
        }
    }
}

extension JSONObject {
    fileprivate func replacingNonFiniteNumbers(at path: String, into replaced: inout [NonFiniteNumber]) -> JSONObject {
        JSONObject(
            members.map { member in
                JSONObject.Member(
                    key: member.key,
                    value: member.value.replacingNonFiniteNumbers(
                        at: path + JSONValue.pathStep(key: member.key), into: &replaced))
            })
    }
}

extension JSONValue {
    fileprivate func replacingNonFiniteNumbers(at path: String, into replaced: inout [NonFiniteNumber]) -> JSONValue {
        switch self {
        case .number(let number) where !number.isFinite:
            replaced.append(NonFiniteNumber(path: path, value: number))
            return .null
        case .array(let elements):
            return .array(
                elements.enumerated().map { index, element in
                    element.replacingNonFiniteNumbers(at: "\(path)[\(index)]", into: &replaced)
                })
        case .object(let object):
            return .object(object.replacingNonFiniteNumbers(at: path, into: &replaced))
        case .null, .bool, .number, .string:
            return self
        }
    }

    /// `.key` for a key that reads as a name, `['key']` for any other (`data['application/json']`).
    fileprivate static func pathStep(key: String) -> String {
        let isName =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
            }
        return isName ? ".\(key)" : "['\(key)']"
    }
}
