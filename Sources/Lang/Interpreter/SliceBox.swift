import Tensors

/// A slice object `start:stop:step` (each part may be `None`).
final class SliceBox {
    let start: Value
    let stop: Value
    let step: Value
    init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }
}
