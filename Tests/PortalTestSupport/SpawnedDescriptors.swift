import Foundation

/// A child started with `posix_spawn` keeps only standard input, output and error.
///
/// Without this it inherits every descriptor the test process has open at that instant, and a
/// long-lived child (a tmux server, PostgreSQL) keeps them. Among them can be the socket through which
/// `Foundation.Process` learns that *another* child exited: that child then seems to run until the
/// long-lived one ends (a portal "did not exit within 15 s of SIGTERM" while it was long gone).
extension posix_spawn_file_actions_t {
    public mutating func closeDescriptorsAboveStandardError() {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        // glibc 2.34 and later; not imported into Swift, so found by name.
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&self, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&self, descriptor)
        }
    }
}
