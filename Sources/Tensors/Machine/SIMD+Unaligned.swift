extension SIMD where Scalar == Float {
    /// The lanes at `pointer` and after, which needs no alignment.
    @inline(__always)
    init(unalignedAt pointer: UnsafePointer<Float>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Writes the lanes to `pointer` and after, which needs no alignment.
    @inline(__always)
    func store(unalignedAt pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
}
