import Foundation
import LeoraKit
import TerminalUI
import PortalAPI
import TerminalSafety

/// Where commands print: tables for people, the contract's JSON for scripts, errors to standard error.
/// Everything printed is terminal-safe: human text is ``TerminalText``, and the JSON escapes what its
/// encoder leaves raw.
struct Output {
    let json: Bool

    func print(_ text: TerminalText) {
        FileHandle.standardOutput.write(Data((text.text + "\n").utf8))
    }

    func error(_ message: TerminalText) {
        FileHandle.standardError.write(Data("leora: \(message.text)\n".utf8))
    }

    /// Prints `value` as pretty JSON when `--json` was given, otherwise the human text. The JSON's
    /// strings carry C1 controls and bidirectional overrides as `\u009b`-style escapes, not raw.
    func show(_ value: some Encodable, _ human: @autoclosure () -> TerminalText) {
        if json {
            let encoder = PortalJSON.encoder(sortedKeys: true)
            encoder.outputFormatting.insert(.prettyPrinted)
            let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
            print(TerminalText(safe: TerminalSafeText.escapingUnsafeCharacters(inJSON: text)))
        } else {
            print(human())
        }
    }
}

/// A plain text table padded by display width, so accented and wide names line up. Every cell is made
/// terminal-safe, so a line feed in a name shows as `␊` instead of starting a row.
struct TextTable {
    struct Column {
        var title: String
        var alignRight = false
        var maxWidth = 40
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String]) { rows.append(cells.map { TerminalSafeText.sanitized($0) }) }

    func render() -> TerminalText {
        let widths = columns.indices.map { index in
            min(columns[index].maxWidth, ([columns[index].title] + rows.map { $0[index] }).map { DisplayWidth.of($0) }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            zip(cells, columns.indices).map { cell, index in
                DisplayWidth.pad(cell, to: widths[index], alignRight: columns[index].alignRight)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return TerminalText(safe: ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n"))
    }
}

extension TextTable.Column {
    static func left(_ title: String, max: Int = 40) -> Self { .init(title: title, alignRight: false, maxWidth: max) }
    /// An identifier column: never shortened, so what is printed can be typed back.
    static func id(_ title: String) -> Self { .init(title: title, alignRight: false, maxWidth: .max) }
    static func right(_ title: String, max: Int = 20) -> Self { .init(title: title, alignRight: true, maxWidth: max) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// `2026-11-28 09:30` in the tenant's time zone (the zone named once per table or sentence).
enum ShortDate {
    static func string(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// The zone's name as a reader knows it: `Europe/Oslo`.
    static func zoneName(_ zone: TimeZone) -> String { zone.identifier }
}

/// "page 1 of 27 (536 orders)".
func pageLine(_ pagination: Pagination, noun: String) -> TerminalText {
    "page \(pagination.page) of \(max(pagination.totalPages, 1)) (\(pagination.total) \(noun))"
}
