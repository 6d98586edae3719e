/// Where the element buffers of new tensors are made, each admitted first.
///
/// A Swift array whose allocation fails stops the process, so a buffer that would not fit under
/// the address-space cap must be refused before it is made (``AddressSpace``). Every builder here
/// asks ``AddressSpace/admit(bytes:shape:)`` for the buffer's bytes and only then allocates,
/// so a refusal is a `.memory` ``TensorError`` (`MemoryError`) naming `shape`, the tensor the
/// buffer is for. Storage builders (``TensorStorage/init(repeating:count:dtype:for:)``,
/// ``TensorStorage/converted(to:for:)``, ``mapFloats(_:for:_:)``) go through these, and an
/// operation that builds its result with them gets the check without doing anything else.
/// Without a cap the admission is one relaxed atomic load.
enum ElementBuffer {
    /// `count` elements written by `initialize`, which must initialise all of them.
    @inline(__always)
    static func make<Element>(
        _ count: Int, for shape: [Int], _ initialize: (UnsafeMutableBufferPointer<Element>) -> Void
    ) throws(TensorError) -> [Element] {
        try admit(count, of: Element.self, for: shape)
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(buffer)
            initialized = count
        }
    }

    /// `values.map(transform)`, admitted first.
    @inline(__always)
    static func map<Source, Element>(
        _ values: [Source], for shape: [Int], _ transform: (Source) -> Element
    ) throws(TensorError) -> [Element] {
        try admit(values.count, of: Element.self, for: shape)
        return values.map(transform)
    }

    /// `count` copies of `value`, admitted first.
    @inline(__always)
    static func repeating<Element>(_ value: Element, count: Int, for shape: [Int]) throws(TensorError) -> [Element] {
        try admit(count, of: Element.self, for: shape)
        return [Element](repeating: value, count: count)
    }

    /// Refuses `count` elements of `Element` for a tensor of `shape` when they do not fit.
    @inline(__always)
    static func admit<Element>(_ count: Int, of _: Element.Type, for shape: [Int]) throws(TensorError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        try AddressSpace.admit(bytes: overflow ? Int.max : bytes, shape: shape)
    }
}
