import TerminalUI

/// A quantity being typed (the products pane's "add to cart", the cart's "set quantity"): digits
/// only, prefilled with a value that the first digit typed replaces, as a selected field would
/// (so typing 6 over the prefilled 1 gives 6, not 16), and checked against 1…`saneMaximum` and
/// the stock when it is known.
public struct QuantityField: Sendable, Equatable {
    /// The most one line may ask for at a time; more is taken for a typo.
    public static let saneMaximum = 9_999
    /// Digits the field takes (enough to say that a number is too big).
    static let maximumDigits = 5

    public private(set) var input: TextInputState
    /// Whether the text is still the prefilled value.
    public private(set) var isPrefilled = true
    /// What the stock allows, when known.
    public var available: Int?
    /// Why the last Enter was refused, until the next edit.
    public private(set) var refusal: String?

    public init(prefilled value: Int, available: Int? = nil) {
        input = TextInputState(text: String(value))
        self.available = available
    }

    public var value: Int? { Int(input.text) }

    /// Why the quantity cannot be used; nil when it can.
    public var problem: String? {
        guard let value else { return "Type a quantity." }
        if value < 1 { return "Type 1 or more." }
        if let available, value > available { return available == 0 ? "None available." : "Only \(available) available." }
        if value > Self.saneMaximum { return "At most 9,999 at a time." }
        return nil
    }

    /// What the field says under it: why Enter was refused, or a number out of range as it is typed.
    public var notice: String? { refusal ?? (value == nil ? nil : problem) }

    /// Applies an editing key. A digit typed (or digits pasted) over the prefilled value replaces it;
    /// any other edit (Backspace, arrows) keeps it and edits it.
    public mutating func apply(_ key: Key) {
        if case .paste(let text) = key {
            let digits = PastedText.insertable(text) { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return }
            if isPrefilled { input = TextInputState() }
            input.insert(String(digits.prefix(max(0, Self.maximumDigits - input.text.count))))
        } else if case .character(let character) = key {
            guard character.isASCII, character.isNumber else { return }
            if isPrefilled {
                input = TextInputState(text: String(character))
            } else if input.text.count < Self.maximumDigits {
                input.insert(String(character))
            }
        } else if !TextEditing.apply(key, to: &input) {
            return
        }
        isPrefilled = false
        refusal = nil
    }

    /// Enter: the quantity, or nil with `refusal` saying why not.
    public mutating func submit() -> Int? {
        if let problem {
            refusal = problem
            return nil
        }
        return value
    }

    /// Draws "Quantity: 6  = 6 btl" and, on the next row, the notice.
    func render(unit: String, packSize: Int?, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let surface = Style(background: .role(.surface))
        var x = buffer.set(x: area.x, y: area.y, string: "Quantity: ", style: surface, maxWidth: area.width)
        let fieldWidth = min(Self.maximumDigits + 1, max(0, area.right - x))
        var field = TextInput(focused: true)
        // The prefilled value reads as a suggestion: typing replaces it.
        if isPrefilled { field.style = field.placeholderStyle }
        field.render(into: &buffer, area: Rect(x: x, y: area.y, width: fieldWidth, height: 1), state: input)
        x += fieldWidth + 1
        if let value, problem == nil, x < area.right {
            buffer.set(x: x, y: area.y, string: "= " + UnitText.quantity(value, unit: unit, packSize: packSize), style: surface.patched(with: Style(.accent)), maxWidth: area.right - x)
        }
        if let notice, area.height > 1 {
            buffer.set(x: area.x, y: area.y + 1, string: notice, style: surface.patched(with: Style(.warning)), maxWidth: area.width)
        }
    }
}
