import NcursesBackend
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

// A real ncurses terminal for `NcursesTerminalTests`, which runs this in a tmux pane and reads the
// pane: draws a frame with wide characters, the size and the typed keys, redraws on every key and
// resize, and leaves on `q` (exit status 0), restoring the terminal.

do {
    let wakePipe = try WakePipe()
    let terminal = try NcursesTerminal(theme: Theme(name: "probe", colors: [:]), wakePipe: wakePipe)
    defer { terminal.shutdown() }
    var typed = ""
    loop: while true {
        var buffer = Buffer(width: terminal.size.width, height: terminal.size.height)
        buffer.set(x: 0, y: 0, string: "héllo 世界|", style: Style.plain.bold)
        buffer.set(x: 0, y: 1, string: "size \(terminal.size.width)x\(terminal.size.height)|", style: Style(foreground: .indexed(75)))
        buffer.set(x: 0, y: 2, string: "keys: \(typed)|")
        // A row as wide as the terminal, of narrow and wide characters: wider than 512 columns, more cells
        // than the backend writes with one call.
        buffer.set(x: 0, y: 3, string: String(repeating: "abc東", count: max(0, (terminal.size.width - 1) / 5)) + "|")
        terminal.draw(buffer)

        let ready = EventLoopWaiter().waitForReadable([terminal.inputDescriptor, wakePipe.readDescriptor])
        if ready.contains(wakePipe.readDescriptor) {
            for wakeup in wakePipe.drain() {
                switch wakeup {
                case .signal(.windowChanged): terminal.handleWindowChange()
                case .signal: break loop
                case .woken: break
                }
            }
        }
        if ready.contains(terminal.inputDescriptor) {
            for key in terminal.readKeys() {
                if key == .character("q") { break loop }
                if case .character(let character) = key { typed.append(character) }
            }
        }
    }
} catch {
    print("ncurses-probe: \(error)")
    exit(1)
}
