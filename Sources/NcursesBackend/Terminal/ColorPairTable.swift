import TerminalUI

/// Colour pairs allocated on demand: each foreground/background combination the theme's roles
/// produce gets the next free pair the first time a cell uses it. Pairs are never redefined
/// (ncurses would recolour every cell already on screen with that pair); when they run out,
/// further combinations fall back to pair 0, the terminal's default colours.
struct ColorPairTable {
    struct Colors: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Pairs 1..<capacity are available (ncurses' `COLOR_PAIRS`).
    let capacity: Int
    private var pairs: [Colors: Int32] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The pair for these colours, and whether it was just allocated (the caller then calls
    /// `init_extended_pair`).
    mutating func pair(foreground: TerminalColor, background: TerminalColor) -> (number: Int32, isNew: Bool) {
        let colors = Colors(foreground: foreground, background: background)
        if foreground == .terminalDefault && background == .terminalDefault { return (0, false) }
        if let number = pairs[colors] { return (number, false) }
        let number = Int32(pairs.count + 1)
        guard number < capacity else { return (0, false) }
        pairs[colors] = number
        return (number, true)
    }
}

extension TerminalColor {
    /// The number ncurses takes: a palette index, or -1 for the terminal's default.
    var cursesNumber: Int32 {
        switch self {
        case .terminalDefault: -1
        case .index(let index): Int32(index)
        }
    }
}
