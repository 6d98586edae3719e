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
    ) throws(TensorError) -> AdmittedElements<Element> {
        try admit(count, of: Element.self, for: shape)
        return AdmittedElements(
            [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialize(buffer)
                initialized = count
            })
    }

    /// The array `build` makes, of at most `count` elements, admitted before `build` runs (for
    /// kernels that fill their result their own way).
    @inline(__always)
    static func build<Element>(
        _ count: Int, for shape: [Int], _ build: () throws(TensorError) -> [Element]
    ) throws(TensorError) -> AdmittedElements<Element> {
        try admit(count, of: Element.self, for: shape)
        let array = try build()
        precondition(array.count <= count, "ElementBuffer.build: more elements than admitted")
        return AdmittedElements(array)
    }

    /// `[Element](unsafeUninitializedCapacity: count, initializingWith: initialize)`, admitted first.
    @inline(__always)
    static func uninitialized<Element>(
        _ count: Int, for shape: [Int], _ initialize: (inout UnsafeMutableBufferPointer<Element>, inout Int) -> Void
    ) throws(TensorError) -> AdmittedElements<Element> {
        try admit(count, of: Element.self, for: shape)
        return AdmittedElements([Element](unsafeUninitializedCapacity: count, initializingWith: initialize))
    }

    /// Two buffers that one kernel fills together (`count` elements for a tensor of `shape`, then
    /// `secondCount` for one of `secondShape`), each admitted just before it is made, as two
    /// operations run one after the other would admit theirs: `initialize` must write all of both.
    static func pair<Element>(
        _ count: Int, for shape: [Int], _ secondCount: Int, for secondShape: [Int],
        _ initialize: (UnsafeMutableBufferPointer<Element>, UnsafeMutableBufferPointer<Element>) -> Void
    ) throws(TensorError) -> (AdmittedElements<Element>, AdmittedElements<Element>) {
        try admit(count, of: Element.self, for: shape)
        var second: [Element] = []
        var refusal: TensorError?
        let first = [Element](unsafeUninitializedCapacity: count) { first, initialized in
            do throws(TensorError) {
                try admit(secondCount, of: Element.self, for: secondShape)
            } catch {
                // Nothing was written: the first array is returned empty and dropped below.
                refusal = error
                return
            }
            second = [Element](unsafeUninitializedCapacity: secondCount) { second, secondInitialized in
                initialize(first, second)
                secondInitialized = secondCount
            }
            initialized = count
        }
        if let refusal { throw refusal }
        return (AdmittedElements(first), AdmittedElements(second))
    }

    /// `values.map(transform)`, admitted first.
    @inline(__always)
    static func map<Source, Element>(
        _ values: [Source], for shape: [Int], _ transform: (Source) -> Element
    ) throws(TensorError) -> AdmittedElements<Element> {
        try admit(values.count, of: Element.self, for: shape)
        return AdmittedElements(values.map(transform))
    }

    /// `count` copies of `value`, admitted first.
    @inline(__always)
    static func repeating<Element>(_ value: Element, count: Int, for shape: [Int]) throws(TensorError)
        -> AdmittedElements<Element>
    {
        try admit(count, of: Element.self, for: shape)
        return AdmittedElements([Element](repeating: value, count: count))
    }

    /// The one element `value`, for a 0-d or one-element tensor (a few bytes: not asked for).
    @inline(__always)
    static func single<Element>(_ value: Element) -> AdmittedElements<Element> { AdmittedElements([value]) }

    /// No elements.
    @inline(__always)
    static func empty<Element>(of _: Element.Type = Element.self) -> AdmittedElements<Element> { AdmittedElements([]) }

    /// Refuses `count` elements of `Element` for a tensor of `shape` when they do not fit.
    @inline(__always)
    static func admit<Element>(_ count: Int, of _: Element.Type, for shape: [Int]) throws(TensorError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        try AddressSpace.admit(bytes: overflow ? Int.max : bytes, shape: shape)
    }
}

/// An array made by ``ElementBuffer`` after the address-space guard admitted its bytes.
///
/// Its elements can be read and overwritten but not added to, so it never grows past what was
/// admitted.
struct AdmittedElements<Element> {
    /// The elements.
    fileprivate(set) var array: [Element]

    /// Only ``ElementBuffer``'s builders, below, make one.
    @inline(__always) fileprivate init(_ array: [Element]) { self.array = array }

    /// The number of elements.
    @inline(__always) var count: Int { array.count }

    /// Reads or overwrites one element.
    @inline(__always) subscript(index: Int) -> Element {
        get { array[index] }
        set { array[index] = newValue }
    }

    /// `Array.withUnsafeMutableBufferPointer`; `body` must not replace the buffer.
    @inline(__always)
    mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R
    ) rethrows -> R {
        try array.withUnsafeMutableBufferPointer(body)
    }

    /// `Array.withUnsafeBufferPointer`.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try array.withUnsafeBufferPointer(body)
    }
}
