import Foundation

/// The terminal as a person sees it at one moment: every row with its colours and attributes, and
/// the cursor. Two snapshots differ when anything visible differs, a moved selection (a colour) or
/// a moved cursor (a text field) included.
struct TerminalSnapshot: Equatable, Sendable {
    /// The rows as tmux's `capture-pane -e` gives them: text with SGR escape sequences.
    var styledRows: [String]
    /// `"1 12 3"`: shown, column, row.
    var cursor: String

    /// The rows' text, without their styles.
    var rows: [String] { styledRows.map(Self.plain) }

    /// Everything but the status bar, whose spinner and "updated … ago" move on their own.
    var withoutStatusBar: TerminalSnapshot {
        TerminalSnapshot(styledRows: Array(styledRows.dropLast()), cursor: cursor)
    }

    /// Everything but the status bar and the row above the footer, where toasts show (a dialog that
    /// refuses a key may say so there, and an earlier toast may go away while it is open).
    var withoutToastOrStatusBar: TerminalSnapshot {
        guard styledRows.count >= 3 else { return TerminalSnapshot(styledRows: [], cursor: cursor) }
        return TerminalSnapshot(styledRows: Array(styledRows.prefix(styledRows.count - 3)) + [styledRows[styledRows.count - 2]], cursor: cursor)
    }

    /// Whether the process in the pane has exited (the test's shell prints "leora exited with N").
    var exitStatus: Int? {
        guard let line = rows.last(where: { $0.contains("leora exited with ") }) else { return nil }
        return Int(line.components(separatedBy: "leora exited with ").last?.prefix { $0.isNumber } ?? "")
    }

    func contains(_ text: String) -> Bool { rows.contains { $0.contains(text) } }

    /// The screen as text, for failure messages.
    var text: String { rows.joined(separator: "\n") }

    static func plain(_ row: String) -> String {
        row.replacingOccurrences(of: "\u{1b}\\[[0-9;:]*m", with: "", options: .regularExpression)
    }

    /// The style of each character of `row` (one entry per `Character` of its plain text), as tmux's
    /// SGR codes leave it: enough to tell which of several labels is drawn differently.
    static func styles(of row: String) -> [CellStyle] {
        var styles: [CellStyle] = []
        var current = CellStyle()
        var remaining = Substring(row)
        while let first = remaining.first {
            if first == "\u{1b}", remaining.dropFirst().first == "[", let end = remaining.firstIndex(of: "m") {
                let parameters = remaining[remaining.index(remaining.startIndex, offsetBy: 2)..<end]
                current.apply(parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 })
                remaining = remaining[remaining.index(after: end)...]
            } else {
                styles.append(current)
                remaining = remaining.dropFirst()
            }
        }
        return styles
    }

    /// One cell's attributes, from SGR parameters.
    struct CellStyle: Hashable {
        var foreground = "default"
        var background = "default"
        var attributes: Set<Int> = []

        mutating func apply(_ parameters: [Int]) {
            var index = 0
            while index < parameters.count {
                let code = parameters[index]
                switch code {
                case 0: self = CellStyle()
                case 1...9: attributes.insert(code)
                case 22: attributes.subtract([1, 2])
                case 21, 23...29: attributes.remove(code - 20)
                case 30...37, 90...97: foreground = "\(code)"
                case 39: foreground = "default"
                case 40...47, 100...107: background = "\(code)"
                case 49: background = "default"
                case 38, 48:
                    let isExtended = parameters.count > index + 1
                    let width = isExtended && parameters[index + 1] == 2 ? 4 : 2
                    let values = parameters[min(parameters.count, index + 1)..<min(parameters.count, index + 1 + width)]
                    let value = values.map(String.init).joined(separator: ":")
                    if code == 38 { foreground = value } else { background = value }
                    index += width
                default: break
                }
                index += 1
            }
        }
    }
}
