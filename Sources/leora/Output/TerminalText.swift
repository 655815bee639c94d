import TerminalSafety

/// Text for a person's terminal. What the program writes itself (the string literal) is kept as it is;
/// every value interpolated into it (names, notes, messages: anything that may come from the server)
/// passes through ``TerminalSafeText`` first, so none of it can send the terminal a control sequence
/// or start a line of its own. Text already built this way is interpolated as it is.
///
/// `Output` prints only this type, so a command cannot print server text raw by forgetting a call.
struct TerminalText: ExpressibleByStringInterpolation, Sendable {
    let text: String

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Text the program built from parts already made safe (a rendered table); never server text.
    init(safe text: String) { self.text = text }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            text += TerminalSafeText.sanitized(value.description)
        }

        mutating func appendInterpolation(_ value: TerminalText) { text += value.text }
    }
}

extension [TerminalText] {
    /// The texts one after another, `separator` between them.
    func joined(separator: TerminalText) -> TerminalText {
        TerminalText(safe: map(\.text).joined(separator: separator.text))
    }
}
