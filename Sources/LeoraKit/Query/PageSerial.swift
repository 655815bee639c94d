import Synchronization

/// Serial numbers for ``PageWindow``'s pages: one counter for the process, so no two pages ever share one.
enum PageSerial {
    private static let last = Atomic<UInt64>(0)

    static func next() -> UInt64 {
        last.add(1, ordering: .relaxed).newValue
    }
}
