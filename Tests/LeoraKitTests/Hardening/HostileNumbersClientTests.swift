import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraKit

/// Numbers a hostile portal sends never make the client trap: hints are clamped, exact numbers out
/// of range refuse the answer naming the field, and a `Retry-After` of `Int.max` is an hour.
@Suite struct HostileNumbersClientTests {
    @Test func theRealClientThroughPortalDataClampsOrRefusesEveryHostileNumber() async throws {
        let server = try await HostileNumbersServer.start()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let client = PortalClient(server: URL(string: server.baseURL)!, transport: CurlTransport())
            let session = SessionStore(client: client, file: SessionFile(directory: directory.url))
            _ = try await session.login(email: "rep@hostile.test", password: "anything")
            let data = PortalData(session: session, cache: QueryClient(retryPolicy: .never), whenStale: .waitForFresh)

            let negative = try await data.orders(query: "negative")
            #expect(negative.pagination.total == 0 && negative.pagination.totalPages == 0)
            let huge = try await data.orders(query: "huge")
            #expect(huge.pagination.total == WireLimits.count.upperBound)

            await #expect(throws: PortalError.invalidResponse(
                endpoint: Routes.cart, reason: "data.cart.items[0].quantity is 9223372036854775807, outside 0…1,000,000,000")) {
                try await data.cart()
            }
            await #expect(throws: PortalError.invalidResponse(endpoint: Routes.orders, reason: "data.orders[0].totalCents is 2178.5, not a whole number")) {
                try await data.orders(query: "fraction")
            }
            do {
                _ = try await data.orders(query: "busy")
                Issue.record("expected RATE_LIMITED")
            } catch let error as PortalError {
                #expect(error.code == "RATE_LIMITED")
                #expect(error.retryAfterSeconds == RetryAfter.maximumSeconds)
            }
            #expect(try await data.orders().items.first?.totalCents == 2178, "an honest answer still reads")

            // With retries on: while the 429's hour-long wait runs, the cache says so.
            let retrying = PortalData(session: session, cache: QueryClient(), whenStale: .waitForFresh)
            let key = PortalQueryKeys.orders(status: nil, customerId: nil, query: "busy", page: 1, limit: 20)
            let states = await retrying.cache.observe(key, as: Paged<Order>.self)
            let read = Task { try await retrying.orders(query: "busy") }
            var pending: PendingRetry?
            for await state in states where state.pendingRetry != nil {
                pending = state.pendingRetry
                break
            }
            read.cancel()
            await retrying.cache.cancel(["orders"])
            #expect(pending?.failures == 1)
            #expect((pending?.error as? PortalError)?.retryAfterSeconds == RetryAfter.maximumSeconds)
            #expect(pending.map { $0.nextAttemptAt.timeIntervalSinceNow > 3_500 } == true, "an hour, not Int.max seconds")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test(arguments: [
        ("9223372036854775807", 3_600), ("99999999999999999999999", 3_600), (" 30 ", 30), ("0", 0), ("-5", nil), ("1.5", nil),
        ("Wed, 21 Oct 2026 07:28:00 GMT", nil), ("", nil),
    ] as [(String, Int?)])
    func retryAfterIsWholeSecondsUpToAnHour(header: String, seconds: Int?) {
        #expect(RetryAfter.seconds(fromHeader: header) == seconds)
    }

    @Test func aRetryAfterOfIntMaxWaitsWithoutTrappingAndCanBeCancelled() async throws {
        // What the query cache did with `Retry-After: 9223372036854775807`: a delay past Int64 seconds
        // once jitter is added, then a sleep for it.
        let delay = QueryRetryPolicy.standard.delay(retryIndex: 0, retryAfter: .seconds(Int.max))
        #expect(delay == .seconds(86_400))
        for wait in [Duration.seconds(Int.max), .seconds(Int.max) + .seconds(Int.max)] {
            let waiting = Task { try await LiveQueryClock().sleep(for: wait) }
            try await Task.sleep(for: .milliseconds(50))
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
        }
    }

    @Test func cartEstimatesSaturateInsteadOfTrapping() {
        let item = CartItem(id: "ci_1", productId: "p_1", sku: "S", name: "Rioja", unit: "bottle", quantity: .max, unitPriceCents: 1500, lineTotalCents: .max)
        let cart = Cart(
            id: "c", customer: nil, items: [item, item], itemCount: .max, subtotalCents: .max, taxCents: 10, totalCents: .max, currency: "USD", version: 1,
            updatedAt: Date())
        let set = CartEstimate.setting("ci_1", quantity: .max, in: cart)
        #expect(set?.items[0].lineTotalCents == .max)
        #expect(set?.subtotalCents == .max && set?.itemCount == .max && set?.totalCents == .max)
        let product = Product(
            id: "p_1", sku: "S", name: "Rioja", brand: "", category: "", description: "", unitPriceCents: 1500, currency: "USD", unit: "bottle", packSize: 1,
            active: true, inventory: Inventory(productId: "p_1", onHand: 1, reserved: 0, available: 1, updatedAt: Date()))
        #expect(CartEstimate.adding(product, quantity: 1, to: cart)?.items[0].quantity == .max)
    }

    @Test func aNumberTooLargeForAWholeNumberIsNamedToo() {
        let body = Data(#"{"success":true,"data":{"order":{"itemCount":99999999999999999999}}}"#.utf8)
        struct Shape: Decodable { struct Payload: Decodable { struct Inner: Decodable { var itemCount: Int }; var order: Inner }; var data: Payload }
        let decodes = { (data: Data) in (try? JSONDecoder().decode(Shape.self, from: data)) != nil }
        do {
            _ = try JSONDecoder().decode(Shape.self, from: body)
            Issue.record("expected a decoding error")
        } catch let error as DecodingError {
            #expect(DecodingFailure.describe(error, body: body, decodes: decodes) == "data.order.itemCount is 1e+20, too large for a whole number")
        } catch {
            Issue.record("\(error)")
        }
    }
}
