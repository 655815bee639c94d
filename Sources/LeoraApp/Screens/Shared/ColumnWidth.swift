import TerminalUI

/// Widths from the data: a column as wide as its widest value (and its header), at least a
/// minimum, so money in any currency fits ("NOK 32 257,00") and the fill column takes the rest.
enum ColumnWidth {
    static func fitting(_ values: some Sequence<String>, header: String, atLeast minimum: Int) -> Int {
        values.reduce(max(minimum, DisplayWidth.of(header))) { max($0, DisplayWidth.of($1)) }
    }
}
