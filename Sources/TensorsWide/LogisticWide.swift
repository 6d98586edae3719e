/// ``LogisticLanes`` on 16-lane registers (AVX-512), for `Tensors` to call after `CPUFeatures`
/// found AVX-512. Only pointers and counts cross into the x86-64-v3 code.
public enum LogisticWide {
    /// `sigmoid(x)` for whole 16-lane registers; returns how many values it wrote (see
    /// ``LogisticLanes/forward(_:_:_:count:)``).
    @inline(never)
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) -> Int {
        LogisticLanes.forward(SIMD16<Float>.self, x, y, count: count)
    }

    /// `dy · y · (1 − y)` for whole 16-lane registers; returns how many values it wrote.
    @inline(never)
    public static func backward(
        _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int
    ) -> Int {
        LogisticLanes.backward(SIMD16<Float>.self, dy, y, dx, count: count)
    }
}
