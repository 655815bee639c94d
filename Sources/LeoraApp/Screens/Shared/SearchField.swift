import TerminalUI

/// A one-line search field and what a key does to it: an edit changes the search, Enter commits
/// it, Esc cancels it (the text goes back to what it was when the field opened). The orders'
/// search, the catalogue's and the customer picker's are all one of these.
public struct SearchField: Sendable, Equatable {
    /// What a key did.
    public enum Event: Sendable, Equatable {
        /// The text changed; the trimmed search it now is.
        case changed(String)
        /// Enter: the trimmed search to run.
        case committed(String)
        case cancelled
        /// Not an editing key (or an edit that changed nothing).
        case ignored
    }

    public var input: TextInputState
    /// Whether the field is open (takes the keys).
    public var isActive: Bool
    /// The text when the field opened, which Esc puts back.
    public private(set) var original: String

    public init(text: String = "", isActive: Bool = false) {
        input = TextInputState(text: text)
        original = text
        self.isActive = isActive
    }

    /// The search typed, trimmed.
    public var query: String { input.text.trimmingCharacters(in: .whitespaces) }

    /// Opens the field on `text`.
    public mutating func open(with text: String) { self = SearchField(text: text, isActive: true) }

    public mutating func reduce(_ key: Key) -> Event {
        switch key {
        case .enter:
            isActive = false
            return .committed(query)
        case .escape:
            isActive = false
            input = TextInputState(text: original)
            return .cancelled
        default:
            let before = input.text
            TextEditing.apply(key, to: &input)
            return input.text == before ? .ignored : .changed(query)
        }
    }
}

extension Effect {
    /// `action`, sent once `delay` has passed, unless a newer effect under `id` replaced this one
    /// first (typing in a search field).
    static func debounced(id: EffectID, for delay: Duration, sleep: @escaping @Sendable (Duration) async throws -> Void, _ action: Action) -> Effect {
        .run(id: id) { send in
            guard (try? await sleep(delay)) != nil, !Task.isCancelled else { return }
            send(action)
        }
    }
}
