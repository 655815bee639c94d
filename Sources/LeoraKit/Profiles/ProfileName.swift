/// A profile's name: `[a-z0-9][a-z0-9_-]{0,31}`, so it is a safe directory name everywhere.
public struct ProfileName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The profile every single-server setup has been using all along.
    public static let standard = ProfileName(unchecked: "default")

    public let rawValue: String
    public var description: String { rawValue }

    /// Why a name was refused, in words for the user.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public init(_ text: String) throws(Invalid) {
        let bytes = Array(text.utf8)
        func isLowerOrDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = bytes.first, isLowerOrDigit(first), bytes.count <= 32,
            bytes.allSatisfy({ isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else {
            let shown = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f } ? "'\(text)'" : "The name"
            throw Invalid(description: "\(shown) is not a profile name (lower-case letters, digits, - and _, starting with a letter or digit, at most 32)")
        }
        rawValue = text
    }

    private init(unchecked: String) { rawValue = unchecked }

    public static func < (lhs: ProfileName, rhs: ProfileName) -> Bool { lhs.rawValue < rhs.rawValue }
}
