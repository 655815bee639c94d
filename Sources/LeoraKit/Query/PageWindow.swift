/// The pages of a paginated list kept in memory: at most `capacity`, those nearest the
/// page being looked at. Memory stays flat however far one scrolls.
///
/// Inserting or moving returns the page numbers evicted, so the caller can also drop
/// their query entries (`QueryClient.remove`).
///
/// Every page stored gets a serial number no other page of the process ever had, and a new one when it
/// changes: a page's serial and a row's place in it name that row's data without reading it (the
/// orders table's row cache keys its rows so). Two windows holding the same pages are equal whatever
/// their serials.
public struct PageWindow<Page: Sendable>: Sendable {
    public let capacity: Int
    public private(set) var pages: [Int: Page] = [:]
    private var serials: [Int: UInt64] = [:]
    /// The page being looked at.
    public private(set) var currentPage: Int

    public init(capacity: Int, currentPage: Int = 1) {
        precondition(capacity > 0, "a page window holds at least one page")
        self.capacity = capacity
        self.currentPage = currentPage
    }

    public subscript(page: Int) -> Page? { pages[page] }

    /// The serial of page `number` as it is held now; nil when it is not held.
    public func serial(of number: Int) -> UInt64? { serials[number] }

    /// Loaded page numbers, in order.
    public var loadedPages: [Int] { pages.keys.sorted() }

    /// The pages the window wants loaded: `capacity` pages centred on the current one,
    /// never below `first`, never above `last` when it is known.
    public func desiredPages(first: Int = 1, last: Int? = nil) -> ClosedRange<Int> {
        var lower = max(first, currentPage - (capacity - 1) / 2)
        var upper = lower + capacity - 1
        if let last, upper > last {
            upper = max(last, first)
            lower = max(first, upper - capacity + 1)
        }
        return lower...upper
    }

    /// Stores `page` as page number `number` and evicts pages far from the current one.
    @discardableResult
    public mutating func insert(_ page: Page, at number: Int) -> [Int] {
        pages[number] = page
        serials[number] = PageSerial.next()
        return evict()
    }

    /// Makes `number` the current page and evicts pages now too far away.
    /// Inlinable: each move of a list's selection comes here, and most find nothing to drop — a check the
    /// caller's specialised code makes, where the generic one looked up the page type's metadata.
    @inlinable
    @discardableResult
    public mutating func move(to number: Int) -> [Int] {
        makeCurrent(number)
        return pages.count > capacity ? evict() : []
    }

    @usableFromInline
    mutating func makeCurrent(_ number: Int) { currentPage = number }

    /// Drops everything (a new filter or search).
    public mutating func removeAll() {
        pages.removeAll()
        serials.removeAll()
    }

    /// Replaces page `number` in place when it is held (a newer copy of a row); never adds one.
    public mutating func update(_ number: Int, _ change: (inout Page) -> Void) {
        guard var page = pages.removeValue(forKey: number) else { return }
        change(&page)
        pages[number] = page
        serials[number] = PageSerial.next()
    }

    @usableFromInline
    mutating func evict() -> [Int] {
        // Each move of a list's selection comes here: most find nothing to drop.
        guard pages.count > capacity else { return [] }
        var evicted: [Int] = []
        while pages.count > capacity {
            // Farthest from the current page first; among equals, the later page.
            let farthest = pages.keys.max { lhs, rhs in
                let left = abs(lhs - currentPage), right = abs(rhs - currentPage)
                return left == right ? lhs < rhs : left < right
            }!
            pages[farthest] = nil
            serials[farthest] = nil
            evicted.append(farthest)
        }
        return evicted.sorted()
    }
}

extension PageWindow: Equatable where Page: Equatable {
    public static func == (lhs: PageWindow, rhs: PageWindow) -> Bool {
        lhs.capacity == rhs.capacity && lhs.currentPage == rhs.currentPage && lhs.pages == rhs.pages
    }
}
