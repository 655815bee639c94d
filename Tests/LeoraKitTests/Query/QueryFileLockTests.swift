import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryFileLock")
struct QueryFileLockTests {
    /// Above any `pid_max` (at most 2^22): never a running process.
    static let endedProcess: pid_t = 2_000_000_000

    /// A kill mid-write leaves `cache.json.tmp-<pid>-<n>` behind; the next process's first write of the file
    /// removes those whose process is gone and which are over a minute old, and nothing else.
    @Test func aWriteRemovesTheTemporariesAnEndedProcessLeftBehind() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cache.json").path
        let hourAgo = Date().addingTimeInterval(-3600)
        let abandoned = "cache.json.tmp-\(Self.endedProcess)-17"
        let kept: [(name: String, modified: Date)] = [
            ("cache.json.tmp-\(Self.endedProcess)-18", Date()),  // a moment old: may still be renamed
            ("cache.json.tmp-1-19", hourAgo),  // pid 1 runs
            ("cache.json.tmp-\(getpid())-20", hourAgo),  // this process's own
            ("session.json.tmp-\(Self.endedProcess)-21", hourAgo),  // another file's
            ("cache.json.tmp-\(Self.endedProcess)", hourAgo),  // not a name this code writes
            ("cache.json.tmp-x-22", hourAgo),
        ]
        for (name, modified) in [(abandoned, hourAgo)] + kept {
            let url = directory.appendingPathComponent(name)
            try Data("partial".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        }

        try QueryFileLock.writeAtomically(Data("{}".utf8), to: path, mode: 0o600)

        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(names == Set(kept.map(\.name) + ["cache.json"]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("{}".utf8))

        // Once a process: its later writes (a save a second) do not list the directory again.
        let later = directory.appendingPathComponent("cache.json.tmp-\(Self.endedProcess)-23")
        try Data("partial".utf8).write(to: later)
        try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: later.path)
        try QueryFileLock.writeAtomically(Data("[]".utf8), to: path, mode: 0o600)
        #expect(FileManager.default.fileExists(atPath: later.path))
    }
}
