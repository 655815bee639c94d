#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON coding as the contract speaks it: ISO 8601 UTC timestamps (`2026-11-28T09:30:00Z`),
/// read with or without fractional seconds.
public enum PortalJSON {
    public static func encoder(sortedKeys: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(from: date))
        }
        encoder.outputFormatting = sortedKeys ? [.sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected an ISO 8601 timestamp, got \(text)")
            }
            return date
        }
        return decoder
    }
}

/// Formatting and parsing of the contract's timestamps.
public enum Timestamp {
    public static func string(from date: Date) -> String {
        date.formatted(.iso8601)
    }

    public static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(nanosecondsAtMost(text), strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `text` with the fraction of a second cut to nine digits. ISO 8601 allows any number; Foundation reads
    /// at most nine, and the ones past them are below what a `Date` holds anyway.
    static func nanosecondsAtMost(_ text: String) -> String {
        guard let dot = text.lastIndex(of: ".") else { return text }
        let fraction = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
        guard fraction.count > 9 else { return text }
        return String(text[...dot]) + fraction.prefix(9) + text[fraction.endIndex...]
    }
}
