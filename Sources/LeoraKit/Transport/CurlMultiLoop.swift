#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CCurlShim
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The settings every transfer of a transport uses.
struct CurlTransferSettings: Sendable {
    var userAgent: String
    var connectTimeoutMilliseconds: Int
    var totalTimeoutMilliseconds: Int
    /// A larger response body fails the request instead of filling memory.
    var maximumBodyBytes = 64 << 20
    /// Transfers at once, as a browser allows one host: a held PgUp through a long list asks for a page
    /// at each step, and the requests past these wait their turn (their timeouts not yet started) rather
    /// than each opening a connection of its own (27 at once were seen, each with its buffers). A
    /// transport talks to one portal, so this is also its connections to it.
    static let maximumTransfers = 6
}

/// Set by the task's cancellation handler, read by the transfer thread.
final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)
    func cancel() { cancelled.store(true, ordering: .releasing) }
    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
}

/// What `send` hands to the transfer thread.
struct TransferOrder: Sendable {
    var request: TransportRequest
    var continuation: CheckedContinuation<TransportResponse, any Error>
    var cancellation: CancellationFlag
}

/// One dedicated thread running a `curl_multi` loop for all of a transport's requests.
///
/// Why one thread with `curl_multi` rather than a thread per blocking `curl_easy_perform`: the
/// cooperative pool is never blocked; every `CURL*` is created, driven and cleaned up on this one
/// thread (confinement without locks); connections are kept alive and reused between requests, as a
/// browser does; and cancellation is immediate (`curl_multi_wakeup`, then the handle is removed)
/// instead of waiting for the next progress callback. The thread sleeps in `curl_multi_poll` when
/// idle and stops when the transport goes away.
final class CurlMultiLoop: Sendable {
    private struct Inbox {
        var orders: [TransferOrder] = []
        var stopping = false
    }

    private let inbox = Mutex(Inbox())
    /// Touched only by the loop thread, except `curl_multi_wakeup`, which libcurl allows from any thread.
    private nonisolated(unsafe) let multi: UnsafeMutableRawPointer
    private let share: CurlShare
    private let settings: CurlTransferSettings

    init(share: CurlShare, settings: CurlTransferSettings) {
        guard let multi = leora_curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        self.multi = multi
        self.share = share
        self.settings = settings
        startThread()
    }

    deinit { leora_curl_multi_cleanup(multi) }

    /// Queues a request; its continuation is resumed on the loop thread.
    func submit(_ order: TransferOrder) {
        let accepted = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.orders.append(order)
            return true
        }
        guard accepted else { return order.continuation.resume(throwing: TransportError.cancelled) }
        wakeUp()
    }

    /// Makes the loop look at its inbox and at cancellation flags now.
    func wakeUp() { leora_curl_multi_wakeup(multi) }

    /// Ends every transfer (as cancelled) and the thread.
    func stop() {
        inbox.withLock { $0.stopping = true }
        wakeUp()
    }

    private func startThread() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        guard result == 0 else { fatalError("cannot start the HTTP transfer thread (pthread_create: \(result))") }
        pthread_detach(thread)
    }

    // MARK: - On the loop thread

    private func run() {
        var active: [UnsafeMutableRawPointer: ActiveTransfer] = [:]
        // Orders waiting for one of the `maximumTransfers` transfers to end, oldest first: a transfer's
        // timeouts start when it is handed to libcurl, so time spent waiting here never counts against
        // them (libcurl's own per-host limit counts it, and a timeout reads as "offline").
        var waiting: [TransferOrder] = []
        while true {
            let (orders, stopping) = inbox.withLock { inbox in
                defer { inbox.orders.removeAll() }
                return (inbox.orders, inbox.stopping)
            }
            waiting += orders
            waiting.removeAll { order in
                guard stopping || order.cancellation.isCancelled else { return false }
                order.continuation.resume(throwing: TransportError.cancelled)
                return true
            }
            for (pointer, transfer) in active where stopping || transfer.order.cancellation.isCancelled {
                leora_curl_multi_remove_handle(multi, pointer)
                active[pointer] = nil
                transfer.order.continuation.resume(throwing: TransportError.cancelled)
            }
            if stopping { return }
            while active.count < CurlTransferSettings.maximumTransfers, !waiting.isEmpty {
                let transfer = ActiveTransfer(order: waiting.removeFirst(), share: share, settings: settings)
                leora_curl_multi_add_handle(multi, transfer.easy.pointer)
                active[transfer.easy.pointer] = transfer
            }

            var running: Int32 = 0
            leora_curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = leora_curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let pointer = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: pointer)
                else { continue }
                let code = message.pointee.data.result
                leora_curl_multi_remove_handle(multi, pointer)
                transfer.finish(code)
            }
            // A transfer ended and another waits for its place: hand it over before sleeping.
            if !waiting.isEmpty, active.count < CurlTransferSettings.maximumTransfers { continue }
            // Sleeps until a socket is ready, one of libcurl's timers is due (a transfer's timeouts are
            // such timers), or `wakeUp()`; with none of those, an hour: an idle loop does not wake.
            leora_curl_multi_poll(multi, nil, 0, 3_600_000, nil)
        }
    }
}

/// One request in flight: its easy handle and what has arrived so far. Lives on the loop thread only.
final class ActiveTransfer {
    let order: TransferOrder
    let easy: CurlEasyHandle
    private let headerList: CurlStringList
    private let maximumBodyBytes: Int
    private var body = Data()
    private var bodyTooLarge = false
    /// The headers of the latest response block: a new status line (a `1xx`, a proxy's `CONNECT`
    /// answer) starts over, so what remains at the end belongs to the final response.
    private var headers: [Header] = []

    init(order: TransferOrder, share: CurlShare, settings: CurlTransferSettings) {
        self.order = order
        self.maximumBodyBytes = settings.maximumBodyBytes
        let request = order.request
        let easy = CurlEasyHandle(share: share)
        self.easy = easy
        self.headerList = CurlStringList(Self.headerLines(for: request))

        easy.set(CURLOPT_URL, request.url)
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_CUSTOMREQUEST, request.method)
        if request.method.uppercased() == "HEAD" { easy.set(CURLOPT_NOBODY, 1) }
        if let bodyData = request.body {
            Self.setBody(bodyData, on: easy)
        } else if ["POST", "PUT", "PATCH"].contains(request.method.uppercased()) {
            // An explicit empty body, so the request carries `Content-Length: 0`.
            Self.setBody(Data(), on: easy)
        }
        easy.set(CURLOPT_HTTPHEADER, headerList)
        easy.set(CURLOPT_USERAGENT, settings.userAgent)
        // Empty: every encoding this libcurl can decode (gzip, deflate, br, zstd), decoded for us.
        easy.set(CURLOPT_ACCEPT_ENCODING, "")
        easy.set(CURLOPT_FOLLOWLOCATION, 0)
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        easy.set(CURLOPT_TIMEOUT_MS, settings.totalTimeoutMilliseconds)
        // Proxies come from the environment (http_proxy, https_proxy, no_proxy) and certificates
        // from the system store: libcurl's defaults, left alone.

        let context = Unmanaged.passUnretained(self).toOpaque()
        leora_curl_setopt_write_callback(
            easy.pointer,
            { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<ActiveTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.received(body: UnsafeRawBufferPointer(start: data, count: size * count))
            }, context)
        leora_curl_setopt_header_callback(
            easy.pointer,
            { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<ActiveTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.received(headerLine: UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }, context)
    }

    /// The caller's headers, plus `Content-Type: application/json` when there is a body (unless the
    /// caller chose one); with no body, curl's default form content type is removed. `Expect` is
    /// always removed, so a body is never held back waiting for `100 Continue`.
    static func headerLines(for request: TransportRequest) -> [String] {
        var lines: [String] = []
        var hasContentType = false
        for header in request.headers {
            // A line break would smuggle in another header.
            guard !header.name.isEmpty, !"\(header.name)\(header.value)".contains(where: { $0 == "\r" || $0 == "\n" })
            else { continue }
            if header.name.lowercased() == "content-type" { hasContentType = true }
            // curl's syntax for a header with an empty value.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        if request.body == nil {
            if !hasContentType { lines.append("Content-Type:") }
        } else if !hasContentType {
            lines.append("Content-Type: application/json")
        }
        lines.append("Expect:")
        return lines
    }

    private static func setBody(_ body: Data, on easy: CurlEasyHandle) {
        easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        // COPYPOSTFIELDS: libcurl keeps its own copy, so nothing here must outlive the call.
        var empty: UInt8 = 0
        if body.isEmpty {
            leora_curl_setopt_pointer(easy.pointer, CURLOPT_COPYPOSTFIELDS, &empty)
        } else {
            body.withUnsafeBytes { bytes in
                _ = leora_curl_setopt_pointer(easy.pointer, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
    }

    /// Returns the number of bytes taken; anything else makes libcurl abort with `CURLE_WRITE_ERROR`.
    private func received(body bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= maximumBodyBytes else {
            bodyTooLarge = true
            return 0
        }
        if body.isEmpty, let expected = Self.expectedBodyBytes(headers) { body.reserveCapacity(min(expected, maximumBodyBytes)) }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    private func received(headerLine bytes: UnsafeRawBufferPointer) {
        var line = String(decoding: bytes, as: UTF8.self)
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headers = []
        } else if line.isEmpty {
            return
        } else if line.first == " " || line.first == "\t" {
            // An obsolete folded continuation of the previous header.
            guard !headers.isEmpty else { return }
            headers[headers.count - 1].value += " " + Self.trimmed(Substring(line))
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(Header(String(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
        }
    }

    /// The body's size when the headers say it (`Content-Length`, the body neither encoded nor chunked), at
    /// most 8 MiB: the body is then one allocation of its size, not a buffer doubled as 16 KiB pieces arrive
    /// (which held up to twice each page of a long list walk). A wrong length only costs a reallocation.
    static func expectedBodyBytes(_ headers: [Header]) -> Int? {
        var length: Int?
        for header in headers {
            switch header.name.lowercased() {
            case "content-length": length = Int(header.value)
            case "content-encoding" where header.value.lowercased() != "identity": return nil
            case "transfer-encoding": return nil
            default: continue
            }
        }
        guard let length, length > 0 else { return nil }
        return min(length, 8 << 20)
    }

    private static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[start...end])
    }

    /// Resumes the caller with the response or the mapped error. Messages come from
    /// `curl_easy_strerror`, which never contains the URL, headers or cookies.
    func finish(_ code: CURLcode) {
        let continuation = order.continuation
        switch code {
        case CURLE_OK:
            let status = easy.info(CURLINFO_RESPONSE_CODE) ?? 0
            continuation.resume(returning: TransportResponse(status: status, headers: headers, body: body))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            continuation.resume(throwing: TransportError.cannotConnect(Self.message(code)))
        case CURLE_OPERATION_TIMEDOUT:
            continuation.resume(throwing: TransportError.timedOut)
        case CURLE_WRITE_ERROR where bodyTooLarge:
            continuation.resume(throwing: TransportError.failed("The response body is larger than \(maximumBodyBytes) bytes"))
        default:
            continuation.resume(throwing: TransportError.failed(Self.message(code)))
        }
    }

    private static func message(_ code: CURLcode) -> String {
        leora_curl_easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
    }
}
