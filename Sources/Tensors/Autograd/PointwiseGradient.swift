/// An elementwise backward formula that a node can hand to the node producing its output gradient,
/// so that node writes the input gradient in the same pass (``Autograd``'s fusion).
///
/// The book's LeNet runs sigmoid → 2×2 average pooling twice per step; backward, the pooling's
/// gradient (four copies of each output gradient) was written to memory only for the sigmoid to read
/// it back next to its saved output and write `dy · y · (1 − y)` to a third buffer. Fused, the
/// pooling writes that product directly: the same bits, one buffer and one pass fewer.
enum PointwiseGradient {
    /// The sigmoid's `dy · y · (1 − y)`, with `y` its forward output.
    case sigmoid(output: Tensor)
}
