/// A colour as widgets ask for it: a role of the current theme (resolved by ``Theme``), an
/// explicit 256-colour index, or the terminal's own default.
public enum Color: Sendable, Hashable {
    case role(ColorRole)
    case indexed(UInt8)
    case terminalDefault
}
