import CCurlShim

/// One `CURL*`. Not `Sendable` on purpose: a handle belongs to the thread that uses it (the
/// transfer thread, or whoever holds the lock around the cookie handle).
final class CurlEasyHandle {
    let pointer: UnsafeMutableRawPointer
    /// Kept alive until this handle is cleaned up: libcurl requires the share to outlive its users.
    private let share: CurlShare

    /// A handle using `share`'s cookie jar, with the cookie engine switched on.
    init(share: CurlShare) {
        guard let pointer = leora_curl_easy_init() else { fatalError("curl_easy_init failed (out of memory)") }
        self.pointer = pointer
        self.share = share
        leora_curl_setopt_share(pointer, share.handle)
        // An empty file name turns on the cookie engine without reading any file.
        set(CURLOPT_COOKIEFILE, "")
        set(CURLOPT_NOSIGNAL, 1)
    }

    deinit { leora_curl_easy_cleanup(pointer) }

    func set(_ option: CURLoption, _ value: Int) {
        leora_curl_setopt_long(pointer, option, value)
    }

    func set(_ option: CURLoption, offset value: Int64) {
        leora_curl_setopt_off_t(pointer, option, curl_off_t(value))
    }

    /// libcurl copies the string.
    func set(_ option: CURLoption, _ value: String) {
        value.withCString { _ = leora_curl_setopt_string(pointer, option, $0) }
    }

    func set(_ option: CURLoption, _ list: CurlStringList) {
        leora_curl_setopt_slist(pointer, option, list.head)
    }

    /// The `long` value of `info`, or `nil` when libcurl has none.
    func info(_ info: CURLINFO) -> Int? {
        var value = 0
        return leora_curl_getinfo_long(pointer, info, &value) == CURLE_OK ? value : nil
    }

    /// The jar as libcurl exports it: one Netscape cookie-file line per cookie.
    func cookieList() -> [String] {
        var list: UnsafeMutablePointer<curl_slist>?
        guard leora_curl_getinfo_slist(pointer, CURLINFO_COOKIELIST, &list) == CURLE_OK else { return [] }
        defer { leora_curl_slist_free_all(list) }
        var lines: [String] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            node = current.pointee.next
        }
        return lines
    }
}

/// A `curl_slist` owned by Swift (headers for one transfer); freed with the object.
final class CurlStringList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) {
        for string in strings {
            guard let appended = string.withCString({ leora_curl_slist_append(head, $0) }) else { continue }
            head = appended
        }
    }

    deinit { leora_curl_slist_free_all(head) }
}

/// The share handle holding the one cookie jar (and DNS and TLS session caches) every handle of a
/// transport uses. Its lock callbacks are mutexes in the C shim, so handles on any thread may use it.
final class CurlShare: Sendable {
    private nonisolated(unsafe) let share: OpaquePointer

    init() {
        guard let share = leora_curl_share_new_with_locks() else { fatalError("curl_share_init failed (out of memory)") }
        self.share = share
    }

    var handle: UnsafeMutableRawPointer { leora_curl_share_handle(share) }

    deinit { leora_curl_share_free(share) }
}
