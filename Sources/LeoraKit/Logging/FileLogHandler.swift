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

/// The log file, shared by every logger of the process. It is opened with `O_APPEND` (so lines of
/// several running `leora`s interleave whole, never splice) and `O_NOFOLLOW` (a symlink planted in
/// its place is refused, not followed), and each line goes out in one `write`.
public final class FileLogSink: Sendable {
    public let url: URL
    public let maximumBytes: Int
    private let descriptor: Mutex<Int32>

    public init(url: URL, maximumBytes: Int = 5_000_000) {
        self.url = url
        self.maximumBytes = maximumBytes
        descriptor = Mutex(Self.open(url))
    }

    deinit {
        descriptor.withLock { if $0 >= 0 { close($0) } }
    }

    func write(_ line: String) {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            let bytes = Array(line.utf8)
            _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, Int(info.st_size) > maximumBytes else { return }
            close(descriptor)
            let rolled = url.appendingPathExtension("1")
            try? FileManager.default.removeItem(at: rolled)
            try? FileManager.default.moveItem(at: url, to: rolled)
            descriptor = Self.open(url)
        }
    }

    /// The file's descriptor, or -1 when it cannot be opened (logging is then off, never fatal).
    private static func open(_ url: URL) -> Int32 {
        try? LeoraDirectories.ensurePrivate(url.deletingLastPathComponent())
        return Foundation.open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
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
