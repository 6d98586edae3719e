/// Four integers held inline and indexed 0 to 3: the per-dimension numbers of a block plan.
///
/// Not a `SIMD4<Int>`: writing one lane of a vector kept in memory and then reading the whole
/// vector back stalls the processor's store forwarding on every write (measured: a third of the
/// block copy's time); separate fields are written and read one word at a time.
struct IntQuad {
    private var first = 0
    private var second = 0
    private var third = 0
    private var fourth = 0

    init() {}

    /// The integer at `position` (0 to 3; callers never pass another, which would be the fourth).
    subscript(position: Int) -> Int {
        get {
            switch position {
            case 0: first
            case 1: second
            case 2: third
            default: fourth
            }
        }
        set {
            switch position {
            case 0: first = newValue
            case 1: second = newValue
            case 2: third = newValue
            default: fourth = newValue
            }
        }
    }
}
