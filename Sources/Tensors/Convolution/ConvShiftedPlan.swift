/// How ``ConvShifted`` cuts its work into items for the threads: each item is a block of
/// consecutive tiles of one image and group, times a contiguous share of the filter panels.
///
/// Threads claim items one at a time (``Parallel/forEachClaimed(_:inline:body:)``), so the plan
/// only needs enough items that the last one is a small part of a thread's work: blocks are as
/// long as allowed (a filter panel is reused across a block's tiles), and when that leaves too
/// few blocks the filter panels are shared out too (which costs no extra memory traffic: every
/// panel reads the block's input anyway).
struct ConvShiftedPlan {
    /// Items per thread the plan aims for.
    static let itemsPerThread = 16

    let imagesAndGroups: Int
    let tiles: Int
    let rowPanels: Int
    let tilesPerBlock: Int
    let panelSplits: Int

    /// The largest share of panels one item has.
    var panelsPerSplit: Int { (rowPanels + panelSplits - 1) / panelSplits }
    var blocksPerImage: Int { (tiles + tilesPerBlock - 1) / tilesPerBlock }
    var items: Int { imagesAndGroups * blocksPerImage * panelSplits }

    init(imagesAndGroups: Int, tiles: Int, rowPanels: Int, threads: Int, largestBlock: Int) {
        self.imagesAndGroups = imagesAndGroups
        self.tiles = tiles
        self.rowPanels = rowPanels
        tilesPerBlock = max(1, min(largestBlock, tiles))
        let blocks = imagesAndGroups * ((tiles + tilesPerBlock - 1) / tilesPerBlock)
        let wanted = threads > 1 ? threads * Self.itemsPerThread : 1
        panelSplits = max(1, min(rowPanels, (wanted + blocks - 1) / max(1, blocks)))
    }

    /// The image-group, tiles and panels of item `index`.
    func work(_ index: Int) -> (imageGroup: Int, tiles: Range<Int>, panels: Range<Int>) {
        let split = index % panelSplits
        let blockIndex = index / panelSplits
        let block = blockIndex % blocksPerImage
        let imageGroup = blockIndex / blocksPerImage
        let firstTile = block * tilesPerBlock
        let tileRange = firstTile..<min(tiles, firstTile + tilesPerBlock)
        let panelRange = (rowPanels * split / panelSplits)..<(rowPanels * (split + 1) / panelSplits)
        return (imageGroup, tileRange, panelRange)
    }
}
