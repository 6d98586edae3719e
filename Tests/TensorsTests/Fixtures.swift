import Foundation
import Testing

@testable import Tensors

/// Reference data written by `Fixtures/make_fixtures.py` (NumPy and an independent Python
/// implementation of the random generator).
enum Fixtures {
    /// A tensor as the script encodes it.
    struct EncodedTensor: Decodable, Sendable {
        var dtype: String
        var shape: [Int]
        var data: [Number]

        var tensor: Tensor {
            get throws {
                switch dtype {
                case "bool": return try Tensor(shape: shape, bools: data.map { $0.value != 0 })
                case "int64": return try Tensor(shape: shape, ints: data.map { Int64($0.value) })
                default: return try Tensor(shape: shape, floats: data.map { Float($0.value) })
                }
            }
        }
    }

    /// A JSON number, bool, or one of the strings `nan`, `inf`, `-inf`.
    struct Number: Decodable, Sendable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                value = flag ? 1 : 0
            } else if let number = try? container.decode(Double.self) {
                value = number
            } else {
                value = Double(try container.decode(String.self)) ?? .nan
            }
        }
    }

    struct BinaryCase: Decodable, Sendable {
        var op: String
        var a: EncodedTensor
        var b: EncodedTensor
        var out: EncodedTensor
    }

    struct ReductionCase: Decodable, Sendable {
        var op: String
        var dims: [Int]?
        var keepdim: Bool
        var x: EncodedTensor
        var out: EncodedTensor
    }

    struct MatmulCase: Decodable, Sendable {
        var a: EncodedTensor
        var b: EncodedTensor
        var out: EncodedTensor
    }

    /// One subscript component: `["int", 1]`, `["slice", 1, null, 2]`, `["none"]`,
    /// `["ellipsis"]`, `["tensor", {...}]`.
    struct IndexComponent: Decodable, Sendable {
        var index: TensorIndex

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            let kind = try container.decode(String.self)
            switch kind {
            case "int": index = .int(try container.decode(Int.self))
            case "slice":
                // decodeNil() advances only past a null, so each bound is read exactly once.
                var bounds: [Int?] = []
                for _ in 0..<3 { bounds.append(try container.decodeNil() ? nil : try container.decode(Int.self)) }
                index = .slice(start: bounds[0], stop: bounds[1], step: bounds[2])
            case "none": index = .newAxis
            case "ellipsis": index = .ellipsis
            default: index = .tensor(try container.decode(EncodedTensor.self).tensor)
            }
        }
    }

    struct IndexingCase: Decodable, Sendable {
        var x: EncodedTensor
        var index: [IndexComponent]
        var out: EncodedTensor
    }

    struct AssignmentCase: Decodable, Sendable {
        var x: EncodedTensor
        var index: [IndexComponent]
        var value: EncodedTensor
        var out: EncodedTensor
    }

    struct ShapeCase: Decodable, Sendable {
        var op: String
        var args: [Int]
        var x: EncodedTensor
        var out: EncodedTensor
    }

    struct NumpyReference: Decodable, Sendable {
        var broadcast: [BinaryCase]
        var reductions: [ReductionCase]
        var matmul: [MatmulCase]
        var indexing: [IndexingCase]
        var assignment: [AssignmentCase]
        var shapes: [ShapeCase]
    }

    struct RandomCase: Decodable, Sendable {
        var seed: String
        var bits: [String]
        var floats: [Float]
        var normals: [Float]
        var integers: [Int64]
        var permutation: [Int64]
    }

    static let numpy: NumpyReference = load("numpy_reference")
    static let random: [RandomCase] = load("random_reference")

    private static func load<Value: Decodable>(_ name: String) -> Value {
        do {
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
                fatalError("missing fixture \(name).json")
            }
            return try JSONDecoder().decode(Value.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read fixture \(name).json: \(error)")
        }
    }
}

/// Checks that `actual` has the expected shape and type and that its elements agree with the
/// reference within `tolerance` (relative to the magnitude, absolute near zero); NaN must meet NaN.
func expectMatches(
    _ actual: Tensor, _ expected: Tensor, tolerance: Double = 0, _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == expected.shape, "shape \(context)", sourceLocation: sourceLocation)
    #expect(actual.dtype == expected.dtype, "dtype \(context)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let got = actual.storage.scalars.map(\.doubleValue)
    let want = expected.storage.scalars.map(\.doubleValue)
    for (index, (a, b)) in zip(got, want).enumerated() {
        let close = (a.isNaN && b.isNaN) || a == b || abs(a - b) <= tolerance * max(1, abs(b))
        if !close {
            Issue.record("element \(index): got \(a), expected \(b) \(context)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Checks that `body` fails with an error of kind `.limit` (the element cap) instead of trapping.
func expectLimitError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Tensor) {
    do {
        _ = try body()
        Issue.record("expected a limit error", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.kind == .limit, "\(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
