import Foundation
import PortalTestSupport
import Testing

/// The actions a rep takes on orders and the cart, run in the real binary against the demo portal.
extension EndToEndTests {
    static func logIn(_ session: TmuxSession) async throws {
        try await session.waitForText("Leora — log in", timeout: .seconds(30))
        try session.type("leora-demo")
        try session.sendKeys("Enter")
        try await session.waitForText("Recommended actions", timeout: .seconds(60))
    }

    /// The cart's item count in the tab bar ("4 Cart 12"), nil while unknown.
    static func cartCount(_ screen: [String]) -> Int? {
        guard let tail = screen.first?.components(separatedBy: "4 Cart").dropFirst().first else { return nil }
        return Int(tail.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
    }

    /// The SKUs of the lines an order's detail lists.
    static func detailSKUs(_ screen: [String]) -> [String] {
        guard let headerRow = screen.firstIndex(where: { $0.contains("SKU") && $0.contains("Line total") }) else { return [] }
        return screen.dropFirst(headerRow + 1).prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The reorder's toast: every reorder ends with exactly one, naming its order.
    static func waitForReorderToast(_ session: TmuxSession, number: String) async throws -> String {
        let screen = try await session.waitForScreen(describedAs: "the toast of reordering \(number)", timeout: .seconds(30)) { screen in
            screen.contains { $0.contains("of \(number) to the cart") || $0.contains("from \(number) went into the cart") }
        }
        return screen.first { $0.contains(number) && $0.contains("cart") } ?? ""
    }

    /// `r` on the list (real list rows) and on the detail: the app stays up and the cart gets the lines.
    @Test func reorderFromTheListAndFromTheDetailFillsTheCart() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, _, _ in
            try await Self.logIn(session)
            try session.sendKeys("2")
            let list = try await session.waitForScreen(describedAs: "the first orders", timeout: .seconds(30)) { $0.contains { $0.hasPrefix(" NW-") } }
            #expect(Self.cartCount(list) == 0, "the demo cart starts empty")
            let first = try #require(list.first { $0.hasPrefix(" NW-") }?.split(separator: " ").first.map(String.init))

            // On the list, with an empty cart: no question, the lines go straight in.
            try session.sendKeys("r")
            let toast = try await Self.waitForReorderToast(session, number: first)
            #expect(toast.contains("Added"), "\(toast)")
            let afterList = try await session.waitForScreen(describedAs: "a cart count", timeout: .seconds(30)) { (Self.cartCount($0) ?? 0) > 0 }
            let countAfterList = Self.cartCount(afterList) ?? 0

            // The next order's detail: the cart has lines now, so it asks add or replace; a adds.
            try session.sendKeys("j")
            try session.sendKeys("Enter")
            let detail = try await session.waitForScreen(describedAs: "the detail with its lines", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains("Subtotal") } && !Self.detailSKUs(screen).isEmpty
            }
            let header = try #require(detail.first { $0.hasPrefix(" Order NW-") })
            let number = try #require(header.split(separator: " ").dropFirst().first.map(String.init))
            let skus = Self.detailSKUs(detail)
            try session.sendKeys("r")
            try await session.waitForText("Reorder \(number)?", timeout: .seconds(10))
            try session.sendKeys("a")
            let detailToast = try await Self.waitForReorderToast(session, number: number)

            try session.sendKeys("Escape")
            try session.sendKeys("4")
            let cart = try await session.waitForScreen(describedAs: "the cart with the reordered lines", timeout: .seconds(30)) { screen in
                (Self.cartCount(screen) ?? 0) > countAfterList && screen.contains { $0.contains("Subtotal") }
            }
            for sku in skus {
                #expect(cart.contains { $0.contains(" \(sku) ") } || detailToast.contains("left out"), "\(sku) is in the cart or named as left out")
            }
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }

    /// The first digit typed replaces the prefilled 1: typing 6 orders six.
    @Test func typingOverThePrefilledQuantityAddsThatMany() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, _, _ in
            try await Self.logIn(session)
            try session.sendKeys("3")
            try await session.waitForText("Available", timeout: .seconds(30))
            try session.sendKeys("/")
            try session.type("Rioja Reserva")
            try session.sendKeys("Enter")
            try await session.waitForText("Search: Rioja Reserva  (/ to change)", timeout: .seconds(30))
            try await session.waitForText("Rioja Reserva 2018", timeout: .seconds(30))
            try session.sendKeys("a")
            try await session.waitForText("Quantity: 1", timeout: .seconds(10))
            try session.type("6")
            try await session.waitForText("6 btl", timeout: .seconds(10))
            try session.sendKeys("Enter")
            try await session.waitForText("Added 6 btl of Rioja Reserva 2018", timeout: .seconds(30))
            try session.sendKeys("4")
            try await session.waitForScreen(describedAs: "6 bottles of Rioja in the cart", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains("Rioja Reserva 2018") && $0.contains(" 6 btl ") }
            }
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }
}
