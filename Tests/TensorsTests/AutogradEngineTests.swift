import Testing

@testable import Tensors

@Suite("Autograd: the backward pass and its errors")
struct AutogradEngineTests {
    private func expectRuntimeError(_ fragment: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error mentioning '\(fragment)'")
        } catch let error as TensorError {
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aValueUsedTwiceSumsItsGradients() throws {
        // y = x·x + x, so dy/dx = 2x + 1.
        let (x, sink) = try GradientCollector.leaf([1, -2, 3], [3])
        let y = try TrackedTensor.binary(.add, try TrackedTensor.binary(.mul, x, x), x)
        try Autograd.backward(try y.sum())
        #expect(try sink.gradient?.floats == [3, -3, 7])
    }

    @Test func constantsReceiveNothingAndResultsOfConstantsAreNotRecorded() throws {
        let constant = TrackedTensor(try Tensor(shape: [2], floats: [1, 2]))
        let product = try TrackedTensor.binary(.mul, constant, constant)
        #expect(product.node == nil)
        expectRuntimeError("does not require grad") { try Autograd.backward(product) }
    }

    @Test func aNonScalarNeedsAnExplicitGradient() throws {
        let (x, sink) = try GradientCollector.leaf([1, 2], [2])
        let y = try TrackedTensor.binary(.mul, x, TrackedTensor(.scalar(.float(3))))
        expectRuntimeError("grad can be implicitly created only for scalar outputs") { try Autograd.backward(y) }
        try Autograd.backward(y, gradient: try Tensor(shape: [2], floats: [1, 10]))
        #expect(try sink.gradient?.floats == [3, 30])
        expectRuntimeError("Mismatch in shape") {
            try Autograd.backward(y, gradient: try Tensor(shape: [3], floats: [1, 1, 1]))
        }
    }

    @Test func aFreedGraphCannotBeWalkedTwiceUnlessRetained() throws {
        let (x, sink) = try GradientCollector.leaf([2], [])
        let retained = try TrackedTensor.binary(.mul, x, x)
        try Autograd.backward(retained, retainGraph: true)
        try Autograd.backward(retained)
        #expect(try sink.gradient?.floats == [8])
        expectRuntimeError("backward through the graph a second time") { try Autograd.backward(retained) }
    }

    @Test func anInPlaceChangeOfASavedValueIsReported() throws {
        let (x, _) = try GradientCollector.leaf([1, 2], [2])
        let counter = VersionCounter()
        let saved = TrackedTensor(try Tensor(shape: [2], floats: [3, 4]), node: x.node, version: counter)
        let y = try TrackedTensor.binary(.mul, saved, saved)
        counter.bump()
        expectRuntimeError("modified by an inplace operation") { try Autograd.backward(try y.sum()) }
    }

    @Test func deepChainsDoNotOverflowTheStack() throws {
        let (x, sink) = try GradientCollector.leaf([1], [1])
        var y = x
        for _ in 0..<20_000 { y = try TrackedTensor.binary(.add, y, TrackedTensor(.scalar(.float(0)))) }
        try Autograd.backward(try y.sum())
        #expect(try sink.gradient?.floats == [1])
    }
}
