import Testing

@testable import Tensors

@Suite("The scratch pool's shelf: which kept buffer a request takes and which a return pushes out")
struct ScratchShelfTests {
    /// A real buffer of `capacity` floats (the shelf only reads capacities; the test frees them).
    private func buffer(_ capacity: Int) -> ParallelScratch.Buffer {
        ParallelScratch.Buffer(pointer: .allocate(capacity: capacity), capacity: capacity)
    }

    /// The capacity of the buffer a request for `capacity` floats takes (freed), or nil.
    private func taken(_ shelf: inout ScratchShelf, _ capacity: Int) -> Int? {
        guard let buffer = shelf.take(capacity) else { return nil }
        buffer.pointer.deallocate()
        return buffer.capacity
    }

    @Test("a request takes the smallest kept buffer that is large enough, or none")
    func bestFit() {
        var shelf = ScratchShelf(keep: 4)
        for capacity in [4000, 100, 1000, 300] { #expect(shelf.put(buffer(capacity)) == nil) }
        #expect(taken(&shelf, 200) == 300)
        #expect(taken(&shelf, 1000) == 1000)
        #expect(taken(&shelf, 5000) == nil)
        #expect(taken(&shelf, 50) == 100)
        #expect(taken(&shelf, 1) == 4000)
        #expect(taken(&shelf, 1) == nil)
    }

    @Test("a full shelf frees its smallest buffer for a larger newcomer, and a newcomer no larger than all it keeps")
    func fullShelfKeepsTheLargest() {
        var shelf = ScratchShelf(keep: 3)
        for capacity in [500, 200, 800] { #expect(shelf.put(buffer(capacity)) == nil) }
        let smaller = buffer(100)
        let refused = shelf.put(smaller)
        #expect(refused?.pointer == smaller.pointer)
        refused?.pointer.deallocate()
        let evicted = shelf.put(buffer(1000))
        #expect(evicted?.capacity == 200)
        evicted?.pointer.deallocate()
        #expect(shelf.buffers.map(\.capacity).sorted() == [500, 800, 1000])
        // The larger shape's buffers now serve it without new ones.
        #expect(taken(&shelf, 900) == 1000)
        while taken(&shelf, 0) != nil {}
    }
}
