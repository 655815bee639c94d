import TerminalUI

/// Text that names keys by the binding they belong to ("Removed Rioja — u to undo."), so a
/// rebinding in `config.yaml` never makes it lie: the keys are written from the rep's keymap when
/// the text is shown. Built with interpolation: `"\(keys: CartScreen.undo) to undo"` writes every
/// key of the binding ("C/Enter"), `\(key: …)` its first one.
public struct HintText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// The keys of the binding with this id (its own keys unless rebound); `first` for the first only.
        case keys(bindingID: String, defaults: [Key], first: Bool)
    }

    public var parts: [Part]

    public init(_ text: String) { parts = Self.joined([.text(text)]) }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: StringInterpolation) { parts = Self.joined(stringInterpolation.parts) }

    /// Adjacent texts as one, so the same words compare equal however they were built.
    static func joined(_ parts: [Part]) -> [Part] {
        parts.reduce(into: []) { result, part in
            if case .text(let text) = part {
                if text.isEmpty { return }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                    return
                }
            }
            result.append(part)
        }
    }

    /// The text with the rep's keys.
    public func resolved(_ overrides: KeyOverrides) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .keys(let id, let defaults, let first):
                KeyBinding.label(of: first ? Array((overrides.keys[id] ?? defaults).prefix(1)) : overrides.keys[id] ?? defaults)
            }
        }.joined()
    }

    /// The text with the default keys.
    public var description: String { resolved(.none) }

    public static func + (lhs: HintText, rhs: HintText) -> HintText {
        var joined = lhs
        joined.parts = Self.joined(lhs.parts + rhs.parts)
        return joined
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { parts.append(.text(value.description)) }
        public mutating func appendInterpolation(_ value: String) { parts.append(.text(value)) }
        /// Every key of `binding`, as hints write them ("C/Enter").
        public mutating func appendInterpolation(keys binding: KeyBinding) { parts.append(.keys(bindingID: binding.id, defaults: binding.keys, first: false)) }
        /// The first key of `binding`.
        public mutating func appendInterpolation(key binding: KeyBinding) { parts.append(.keys(bindingID: binding.id, defaults: binding.keys, first: true)) }
        public mutating func appendInterpolation(_ text: HintText) { parts += text.parts }
    }
}
