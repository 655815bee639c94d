/// One result of `wget_wch`, before decoding: a wide character (`OK`), a key code
/// (`KEY_CODE_YES`), or a mouse report already fetched with `getmouse`.
public enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
    case mouse(buttonState: UInt32, x: Int, y: Int)
}
