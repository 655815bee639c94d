import CNcurseswShim

/// Rows of a frame made ready to be drawn (`NcursesTerminal.prepareRows`): the ncurses calls that write
/// where they differ from the frame on screen. They hold while no other frame is drawn.
public struct PreparedRows {
    /// The terminal's frame number they were made against.
    let frame: Int
    let rows: [Int]
    let writes: PutCells
}

/// `leora_put_cells` calls, each writing `count` cells of one style: their graphemes one after another in
/// `text` from `offset`, each UTF-8 then a NUL.
struct PutCells {
    struct Call {
        let y: Int32
        let x: Int32
        let count: Int32
        let attributes: attr_t
        let pair: Int32
        let offset: Int
    }

    var calls: [Call] = []
    var text: [CChar] = []
    /// Just after the last cell written: where the window's cursor is left.
    var after: (y: Int32, x: Int32)?

    /// None, the storage kept.
    mutating func removeAll() {
        calls.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        after = nil
    }
}
