import Foundation
import Testing

@testable import PortalServer

/// A cookie's name and value are trimmed exactly as `trimmingCharacters(in: .whitespaces)` trims them, without
/// going through NSString: every ASCII character, space separators, line breaks and zero-width characters.
@Suite("Cookie trimming")
struct CookieTrimmingTests {
    static let pieces = [
        "", " ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\u{202F}", "\n", "\r\n", "\u{200B}", "\u{FEFF}", "\u{85}",
        "a", "token.value-_~", "é", "e\u{301}", "\u{301}", "😀", "中文", "=",
    ]
    static let ascii = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }

    static func expectSameTrim(_ text: String) {
        #expect(String(Substring(text).trimmingSpaces) == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
    }

    @Test func trimsWhatFoundationTrims() {
        for left in Self.pieces {
            for middle in Self.pieces {
                for right in Self.pieces { Self.expectSameTrim(left + middle + right) }
            }
        }
    }

    @Test func everyASCIICharacterIsTrimmedAsFoundationTrimsIt() {
        for left in Self.ascii + Self.pieces {
            for right in Self.ascii + Self.pieces { Self.expectSameTrim(left + "v=1" + right) }
        }
    }
}
