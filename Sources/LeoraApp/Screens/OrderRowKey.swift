/// What an orders row shows, named without reading it: the serial of the page it comes from (a page's
/// data never changes under one serial, see `PageWindow`), its place in that page, and the zone its date
/// is written in. The table's row cache knows a row by it, so a row drawn before costs two integers and a
/// zone's name, not its order copied, hashed, or its date and money formatted again.
struct OrderRowKey: Hashable, Sendable {
    var page: UInt64
    var offset: Int
    var timeZone: String
}
