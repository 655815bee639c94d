import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line per message to a file (`leora.log`), never to the
/// screen: `2026-11-29T08:00:00.123Z info leora: GET /api/portal/orders → 200 in 42 ms`.
/// The file is created with mode 0600 and rolled over to `<name>.1` once it passes `maximumBytes`.
/// Callers never log tokens, cookies or bodies; the handler writes what it is given.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: FileLogSink

    public init(label: String, sink: FileLogSink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        sink.write("\(time) \(event.level) \(label): \(event.message)\(details)\n")
    }
}

/// The log file, shared by every logger of the process; writes are serialised.
public final class FileLogSink: Sendable {
    public let url: URL
    public let maximumBytes: Int
    private let handle: Mutex<FileHandle?>

    public init(url: URL, maximumBytes: Int = 5_000_000) {
        self.url = url
        self.maximumBytes = maximumBytes
        handle = Mutex(Self.open(url))
    }

    func write(_ line: String) {
        handle.withLock { handle in
            guard let file = handle else { return }
            file.write(Data(line.utf8))
            if let size = try? file.offset(), size > UInt64(maximumBytes) {
                try? file.close()
                let rolled = url.appendingPathExtension("1")
                try? FileManager.default.removeItem(at: rolled)
                try? FileManager.default.moveItem(at: url, to: rolled)
                handle = Self.open(url)
            }
        }
    }

    private static func open(_ url: URL) -> FileHandle? {
        let manager = FileManager.default
        try? manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !manager.fileExists(atPath: url.path) {
            _ = manager.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = try? FileHandle(forWritingTo: url) else { return nil }
        _ = try? handle.seekToEnd()
        return handle
    }
}

/// Where `leora` logs: `$XDG_STATE_HOME/leora/leora.log`, at `LEORA_LOG_LEVEL` (default `info`).
public enum LeoraLogging {
    public static func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        LeoraDirectories.state(environment: environment).appendingPathComponent("leora.log")
    }

    /// Sends every logger of the process to the log file. Call once, first thing.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["LEORA_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        let sink = FileLogSink(url: file(environment: environment))
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: level) }
    }
}
