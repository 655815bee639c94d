import CNcursesw
import CNcurseswShim
import Testing

/// Issue 13: `leora_put_cells` fills an ASCII cell itself rather than through `setcchar` (most cells of a
/// frame; `setcchar` measures and checks every one). The cell must be the one `setcchar` makes, for every
/// printable character, attribute and colour pair (pairs past 255 kept whole): this fails if curses.h's
/// `cchar_t` is laid out otherwise than the fast path thinks.
@Suite struct AsciiCellTests {
    @Test func anAsciiCellIsTheCellSetccharMakes() {
        let attributes: [attr_t] = [
            leora_attribute_normal(), leora_attribute_bold(), leora_attribute_bold() | leora_attribute_underline(),
            leora_attribute_reverse() | leora_attribute_dim(), leora_attribute_italic() | leora_color_pair(3),
        ]
        for character in UInt8(0x20)..<0x7F {
            for attribute in attributes {
                for pair: Int32 in [0, 1, 7, 255, 256, 1_000, 40_000] {
                    #expect(
                        leora_ascii_cell_matches_setcchar(CChar(bitPattern: character), attribute, pair) == 1,
                        "character \(character), attributes \(attribute), pair \(pair)")
                }
            }
        }
    }
}
