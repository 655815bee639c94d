import CNcurseswShim
import TerminalUI

/// Turns raw input into keys, taking what the terminal wraps in bracketed-paste markers
/// (`ESC [200~` … `ESC [201~`, sent once `ESC [?2004h` is on) as one `Key.paste`, so pasted text
/// never runs as key presses. Everything else goes through `KeyDecoder.decode`.
///
/// A paste may span several reads. The start marker is recognised only whole within one read (a
/// lone Esc at the end of a read is the Esc key, and is not held back); a paste whose end marker has
/// not come `timeout` after its last input ends where it is, so a lost marker cannot swallow the
/// keys after it. Pastes keep at most `maximumLength` characters; the rest is dropped.
public struct BracketedPaste: Sendable {
    public static let startMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]  // ESC [ 2 0 0 ~
    public static let endMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~
    public static let enable = "\u{1B}[?2004h"
    public static let disable = "\u{1B}[?2004l"

    public var timeout: Duration
    public var maximumLength: Int

    /// The paste being read, if any.
    private var pasted: String.UnicodeScalarView?
    private var pastedCount = 0
    /// How much of the end marker the latest inputs matched.
    private var endMatched = 0
    private var lastInput: ContinuousClock.Instant?

    public init(timeout: Duration = .seconds(1), maximumLength: Int = 65_536) {
        self.timeout = timeout
        self.maximumLength = maximumLength
    }

    /// Whether a paste has started and not ended.
    public var isPasting: Bool { pasted != nil }

    /// The keys `inputs` (one read) stand for, `now` being when they were read.
    public mutating func keys(from inputs: [RawInput], at now: ContinuousClock.Instant) -> [Key] {
        var keys: [Key] = []
        if isPasting, let lastInput, now - lastInput > timeout { keys.append(finishPaste()) }
        if !inputs.isEmpty { lastInput = now }
        var index = inputs.startIndex
        while index < inputs.endIndex {
            let input = inputs[index]
            if isPasting {
                if let key = paste(input) { keys.append(key) }
                index += 1
            } else if Self.startsMarker(inputs[index...]) {
                pasted = String.UnicodeScalarView()
                pastedCount = 0
                endMatched = 0
                index += Self.startMarker.count
            } else {
                if let key = KeyDecoder.decode(input) { keys.append(key) }
                index += 1
            }
        }
        return keys
    }

    private static func startsMarker(_ inputs: ArraySlice<RawInput>) -> Bool {
        guard inputs.count >= startMarker.count else { return false }
        return zip(inputs, startMarker).allSatisfy { input, expected in input == .character(expected) }
    }

    /// Takes one input of a paste; the paste as a key once its end marker is complete.
    private mutating func paste(_ input: RawInput) -> Key? {
        guard case .character(let code) = input else {
            keepMatchedMarker()
            // A resize still has to reach the app; other key codes and mouse reports are not text.
            return input == .keyCode(KEY_RESIZE) ? .resize : nil
        }
        if code == Self.endMarker[endMatched] {
            endMatched += 1
            return endMatched == Self.endMarker.count ? finishPaste() : nil
        }
        keepMatchedMarker()
        if code == Self.endMarker[0] {
            endMatched = 1
        } else {
            append(code)
        }
        return nil
    }

    /// What looked like the start of the end marker was text after all.
    private mutating func keepMatchedMarker() {
        for code in Self.endMarker.prefix(endMatched) { append(code) }
        endMatched = 0
    }

    private mutating func append(_ code: UInt32) {
        guard let scalar = Unicode.Scalar(code), pastedCount < maximumLength else { return }
        pasted?.append(scalar)
        pastedCount += 1
    }

    private mutating func finishPaste() -> Key {
        if endMatched < Self.endMarker.count { keepMatchedMarker() }
        let text = String(pasted ?? String.UnicodeScalarView())
        pasted = nil
        endMatched = 0
        return .paste(text)
    }
}
