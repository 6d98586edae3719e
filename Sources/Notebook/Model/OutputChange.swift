/// A change to a running cell's outputs that is not one more output: Jupyter's `clear_output` and
/// `update_display_data`. (A display shown under an id is an ordinary `display_data` output whose
/// ``CellOutput/displayID`` is set.)
public enum OutputChange: Sendable, Hashable {
    /// The outputs so far go away; with `wait`, only when the next output arrives.
    case clear(wait: Bool)
    /// Every output shown under `id` becomes `output` (a `display_data` under the same id), in place.
    case update(id: String, CellOutput)
}
