/// Where a weight gradient's chunks of images sum when threads split the images as well as the
/// output channels (few channels, like LeNet's or the RGB stem's): chunk 0 sums straight into
/// `dw`, every later chunk into its own scratch copy of the weights, which ``addChunks()`` adds
/// into `dw` once every chunk is done. ``release()`` gives the scratch back.
struct ConvWeightGradientPartials {
    let chunks: Int
    let weightCount: Int
    private let dw: UnsafeMutablePointer<Float>
    private let scratch: ParallelScratch.Buffer?

    /// Targets for `chunks` chunks of `weightCount` weights each; `zeroed`: the later chunks'
    /// copies start at zero, for tiles that always accumulate (otherwise each chunk's first pass
    /// writes its copy).
    init(chunks: Int, weightCount: Int, into dw: UnsafeMutablePointer<Float>, zeroed: Bool) {
        self.chunks = chunks
        self.weightCount = weightCount
        self.dw = dw
        scratch = chunks > 1 ? ParallelScratch.take((chunks - 1) * weightCount) : nil
        if zeroed, let scratch { scratch.pointer.initialize(repeating: 0, count: (chunks - 1) * weightCount) }
    }

    /// The `weightCount` weights that chunk `chunk` sums into.
    func target(_ chunk: Int) -> UnsafeMutablePointer<Float> {
        chunk == 0 ? dw : scratch!.pointer + (chunk - 1) * weightCount
    }

    /// Adds every later chunk's sums into `dw`.
    func addChunks() {
        guard let scratch else { return }
        let partials = scratch.pointer
        Parallel.forEach(weightCount, minimumChunk: 1 << 14) { range in
            for chunk in 1..<chunks {
                let source = partials + (chunk - 1) * weightCount
                for i in range { dw[i] += source[i] }
            }
        }
    }

    /// Gives the scratch copies back to ``ParallelScratch``.
    func release() { scratch.map(ParallelScratch.give) }
}
