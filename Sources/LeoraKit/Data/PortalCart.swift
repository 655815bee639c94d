#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The portal's cart calls themselves, made without the cache: what a cart change performs. The
/// live ones go through the session; tests hand in fakes and keep the cache's logic.
public struct CartRequests: Sendable {
    public var fetch: @Sendable (_ etag: String?) async throws -> Fetched<Cart>
    public var add: @Sendable (_ productId: String, _ quantity: Int) async throws -> Cart
    public var setQuantity: @Sendable (_ itemId: String, _ quantity: Int) async throws -> Cart
    public var remove: @Sendable (_ itemId: String) async throws -> Cart
    public var setCustomer: @Sendable (_ customerId: String?) async throws -> Cart
    /// Sends the checkout with its pending entry's `Idempotency-Key`.
    public var checkout: @Sendable (PendingCheckout) async throws -> Order

    public init(
        fetch: @escaping @Sendable (String?) async throws -> Fetched<Cart>, add: @escaping @Sendable (String, Int) async throws -> Cart,
        setQuantity: @escaping @Sendable (String, Int) async throws -> Cart, remove: @escaping @Sendable (String) async throws -> Cart,
        setCustomer: @escaping @Sendable (String?) async throws -> Cart, checkout: @escaping @Sendable (PendingCheckout) async throws -> Order
    ) {
        self.fetch = fetch
        self.add = add
        self.setQuantity = setQuantity
        self.remove = remove
        self.setCustomer = setCustomer
        self.checkout = checkout
    }

    /// The portal's, through `session` (refresh and retry); checkout carries its pending entry's
    /// idempotency key, reused by its retries.
    public static func portal(_ session: SessionStore, retry: IdempotentRetry = IdempotentRetry()) -> CartRequests {
        CartRequests(
            fetch: { etag in try await session.perform { try await $0.cart(etag: etag) } },
            add: { productId, quantity in try await session.perform { try await $0.addToCart(productId: productId, quantity: quantity) } },
            setQuantity: { itemId, quantity in try await session.perform { try await $0.setCartItem(id: itemId, quantity: quantity) } },
            remove: { itemId in try await session.perform { try await $0.removeCartItem(id: itemId) } },
            setCustomer: { customerId in try await session.perform { try await $0.setCartCustomer(id: customerId) } },
            checkout: { pending in
                try await retry.run(key: pending.key) { key in
                    try await session.perform { client in try await client.checkout(pending.request, idempotencyKey: key) }
                }
            })
    }
}

/// Checkout refused: cart changes made offline have not reached the portal yet.
public struct ChangesWaiting: Error, Sendable, Equatable, CustomStringConvertible {
    public var count: Int
    public init(count: Int) { self.count = count }
    public var description: String {
        "\(count) cart change\(count == 1 ? "" : "s") made offline \(count == 1 ? "is" : "are") still waiting for the portal; "
            + "checkout waits until \(count == 1 ? "it has" : "they have") reached it (run `leora` while online to send them)."
    }
}

/// The cart as the query cache owns it — the one owner of what is shown while changes are in
/// flight. Every change shows at once as an optimistic layer over the cached cart, waits behind
/// the changes before it (one scope, never retried), writes the portal's answer when it succeeds
/// and is rolled back alone when it fails; the cache counts the changes in flight
/// (`QueryState.pendingMutations`). The terminal UI observes it; the commands read and change it.
public struct PortalCart: Sendable {
    public let cache: QueryClient
    public let requests: CartRequests
    /// The checkout whose answer has not come yet, kept until the portal answers for sure.
    public let journal: CheckoutJournal
    /// Where changes go with no connection (or while earlier ones still wait); nil: they fail offline.
    public let queue: CartQueue?
    /// Where quick `+`/`-` presses on a line wait to be sent as one request; nil: each is sent at once.
    public let hold: CartQuantityHold?

    public init(
        cache: QueryClient, requests: CartRequests, journal: CheckoutJournal = .memory(), queue: CartQueue? = nil, hold: CartQuantityHold? = nil
    ) {
        self.cache = cache
        self.requests = requests
        self.journal = journal
        self.queue = queue
        self.hold = hold
    }

    var fetcher: QueryFetcher<Cart> {
        let fetch = requests.fetch
        return { context in
            switch try await fetch(context.etag) {
            case .modified(let cart, let etag): .modified(cart, etag: etag)
            case .notModified: .notModified
            }
        }
    }

    /// The cart on every change: the cached one at once (fetched when missing or stale), each
    /// change's estimate as it starts, the portal's answer or the rollback as it settles, and a
    /// refetch when it is invalidated.
    public func observe() async -> AsyncStream<QueryState<Cart>> {
        await cache.observe(PortalQueryKeys.cart, as: Cart.self, fetcher: fetcher)
    }

    /// The cart's state now (after a change returns: with that change settled).
    public func state() async -> QueryState<Cart>? {
        await cache.state(of: PortalQueryKeys.cart, as: Cart.self)
    }

    public func read(whenStale: QueryClient.StalePolicy = .serveAndRevalidate) async throws -> Cart {
        try await cache.fetch(PortalQueryKeys.cart, as: Cart.self, whenStale: whenStale, fetcher: fetcher)
    }

    public func add(_ product: Product, quantity: Int) async throws -> Cart {
        hold?.flush()
        let add = requests.add
        let line = CartItem(
            id: CartEstimate.pendingItemId(product.id), productId: product.id, sku: product.sku, name: product.name, unit: product.unit, quantity: quantity,
            unitPriceCents: product.unitPriceCents, lineTotalCents: 0)
        return try await queuedWhenOffline(.line(line, quantity: { $0.saturatingAdding(quantity) })) {
            try await cache.mutate(Self.change({ CartEstimate.adding(product, quantity: quantity, to: $0) }) { try await add(product.id, quantity) })
        }
    }

    /// Sets the line's absolute quantity (0 removes it), so a repeated request never adds twice.
    public func setQuantity(itemId: String, quantity: Int) async throws -> Cart {
        hold?.flush()
        let setQuantity = requests.setQuantity
        return try await queuedWhenOffline(line: itemId, { _ in quantity }) {
            try await cache.mutate(Self.change({ CartEstimate.setting(itemId, quantity: quantity, in: $0) }) { try await setQuantity(itemId, quantity) })
        }
    }

    /// One more or fewer of the line than the cart shows with the changes before this one: the
    /// quantity sent is still absolute, worked out as the change starts. With a `hold`, presses in
    /// quick succession on one line are sent as one request (the last quantity); each shows at once.
    public func changeQuantity(itemId: String, by delta: Int) async throws -> Cart {
        let (setQuantity, hold) = (requests.setQuantity, hold)
        return try await queuedWhenOffline(line: itemId, { max(0, $0.saturatingAdding(delta)) }) {
            try await cache.mutate(basedOn: PortalQueryKeys.cart, as: Cart.self) { shown in
                let current = shown?.items.first { $0.id == itemId }?.quantity ?? 0
                let quantity = max(0, current.saturatingAdding(delta))
                let estimate: @Sendable (Cart?) -> Cart? = { CartEstimate.setting(itemId, quantity: quantity, in: $0) }
                guard let hold else { return Self.change(estimate) { try await setQuantity(itemId, quantity) } }
                let ticket = hold.register(itemId: itemId, quantity: quantity)
                return Self.change(estimate) { try await hold.send(ticket, itemId: itemId, setQuantity) }
            }
        }
    }

    /// Sends the presses the hold keeps now and waits for their answers, at most a few seconds
    /// (quitting, logging out, leaving the profile).
    public func sendHeldChanges() async {
        await hold?.sendHeld()
    }

    public func remove(itemId: String) async throws -> Cart {
        hold?.flush()
        let remove = requests.remove
        return try await queuedWhenOffline(line: itemId, { _ in 0 }) {
            try await cache.mutate(Self.change({ CartEstimate.setting(itemId, quantity: 0, in: $0) }) { try await remove(itemId) })
        }
    }

    public func setCustomer(_ customer: CustomerReference?) async throws -> Cart {
        hold?.flush()
        let setCustomer = requests.setCustomer
        return try await queuedWhenOffline(.customer(customer)) {
            try await cache.mutate(
                Self.change({ cart in cart.map { var cart = $0; cart.customer = customer; return cart } }) { try await setCustomer(customer?.id) })
        }
    }

    /// Whether the change goes to the offline queue: with no connection, or while earlier changes wait there (so they reach the portal in order).
    public func queuesChanges() async -> Bool {
        guard let queue else { return false }
        if await !queue.current().isEmpty { return true }
        return await !cache.isOnline
    }

    /// The change sent now when online and nothing waits; queued otherwise, or when the portal cannot
    /// be reached (a change whose answer was lost is harmless to queue: the replay finds it applied).
    private func queuedWhenOffline(_ change: CartQueue.Change, _ online: () async throws -> Cart) async throws -> Cart {
        guard let queue else { return try await online() }
        if !(await queuesChanges()) {
            do {
                return try await online()
            } catch let error as PortalError where error.isOffline {
            } catch QueryClientError.offline {}
        }
        guard let cart = try await queue.enqueue(change) else { throw PortalError.offline }
        return cart
    }

    private func queuedWhenOffline(line itemId: String, _ quantity: @escaping @Sendable (Int) -> Int, _ online: () async throws -> Cart) async throws -> Cart {
        guard queue != nil, let item = await cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)?.items.first(where: { $0.id == itemId }) else {
            return try await online()
        }
        return try await queuedWhenOffline(.line(item, quantity: quantity), online)
    }

    /// Replays the offline queue (see `CartQueue.replay`); `.drained` when there is no queue.
    public func replayQueue() async -> CartReplayOutcome {
        hold?.flush()
        guard let queue else { return .drained }
        return await queue.replay(requests)
    }

    /// Several calls as one change (a reorder's lines): `estimate` shows where they end at once,
    /// `calls` makes them one after another behind the changes before, and the last cart the
    /// portal answered is written. When `failed` says the calls stopped early, the cart is fetched
    /// again (the portal's is the truth).
    public func change<Output: Sendable>(
        estimate: @escaping @Sendable (Cart?) -> Cart?, answeredCart: @escaping @Sendable (Output) -> Cart?,
        failed: @escaping @Sendable (Output) -> Bool, _ calls: @escaping @Sendable (CartRequests) async throws -> Output
    ) async throws -> Output {
        hold?.flush()
        let requests = self.requests
        let output = try await cache.mutate(
            Mutation(
                scope: .cart, optimisticUpdates: [.update(PortalQueryKeys.cart, as: Cart.self, estimate)],
                invalidatesOnFailure: Invalidation.keys(for: .cartChange),
                confirmedWrites: { output in answeredCart(output).map { [.set(PortalQueryKeys.cart, to: $0)] } ?? [] },
                perform: { try await calls(requests) }))
        if failed(output) { await cache.invalidate(PortalQueryKeys.cart) }
        return output
    }

    /// Checks out the cart the user confirmed (`expectedVersion`), after any queued change has
    /// settled; the cart, orders, stock and insights are stale from then on.
    /// Kept in the journal from just before it is sent until a definitive answer: when the answer is
    /// lost it throws `CheckoutOutcomeUnknown`, and `resumeCheckout` completes it without a second order.
    /// While an earlier checkout still waits for its answer, that one is completed instead (its order,
    /// or `CART_CHANGED` when the cart moved on since), so a new key never races an unanswered one.
    public func checkout(expectedVersion: Int, notes: String? = nil) async throws -> Order {
        hold?.flush()
        if let waiting = await journal.read() { return try await complete(waiting) }
        if let queue {
            let waiting = await queue.reload()
            if !waiting.isEmpty { throw ChangesWaiting(count: waiting.entries.count) }
        }
        let pending = PendingCheckout(request: CheckoutRequest(notes: notes, expectedVersion: expectedVersion), startedAt: cache.clock.now)
        try await journal.write(pending)
        return try await complete(pending)
    }

    /// The checkout whose answer never came, sent again with its key: the order the portal made
    /// then (replayed) or makes now; nil when no checkout is waiting.
    public func resumeCheckout() async throws -> Order? {
        guard let pending = await journal.read() else { return nil }
        return try await complete(pending)
    }

    /// Whether a checkout is waiting for its answer.
    public func hasPendingCheckout() async -> Bool {
        await journal.read() != nil
    }

    private func complete(_ pending: PendingCheckout) async throws -> Order {
        let (checkout, journal, cache) = (requests.checkout, journal, cache)
        let cart = PortalQueryKeys.cart
        let answer = try await cache.mutate(
            Mutation(
                // The contract says what a checkout leaves (no lines, no customer): the cached cart is
                // emptied rather than read again; without one cached, it is made stale below.
                scope: .cart, invalidates: Invalidation.keys(for: .checkout).filter { $0 != cart }, invalidatesOnFailure: [cart],
                confirmedWrites: { (answer: CheckoutAnswer) -> [QueryWrite] in answer.emptied.map { [QueryWrite.set(cart, to: $0)] } ?? [] },
                perform: {
                    do {
                        let before = await cache.getQueryData(cart, as: Cart.self)
                        let order = try await checkout(pending)
                        await journal.remove()
                        return CheckoutAnswer(order: order, emptied: before.map { Self.emptied($0, at: order.createdAt) })
                    } catch let error as PortalError where !error.isDefinitive {
                        throw CheckoutOutcomeUnknown(cause: error)
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        // The portal said no for sure (a 4xx): nothing was ordered.
                        await journal.remove()
                        throw error
                    }
                }))
        if answer.emptied == nil { await cache.invalidate(cart) }
        return answer.order
    }

    /// A checkout's order, and the cart it leaves when one was cached.
    private struct CheckoutAnswer: Sendable {
        var order: Order
        var emptied: Cart?
    }

    /// `cart` after a successful checkout, as the contract gives it: every line removed, no customer.
    /// Its version stays the last one known (the portal's is higher; an empty cart is never checked
    /// out, and the next change answers the portal's cart).
    static func emptied(_ cart: Cart, at time: Date) -> Cart {
        var emptied = cart
        emptied.customer = nil
        emptied.items = []
        emptied.itemCount = 0
        emptied.subtotalCents = 0
        emptied.taxCents = 0
        emptied.totalCents = 0
        emptied.updatedAt = time
        return emptied
    }

    /// A single cart call as a change: optimistic, serial in the cart's scope, the answer written.
    static func change(_ estimate: @escaping @Sendable (Cart?) -> Cart?, _ call: @escaping @Sendable () async throws -> Cart) -> Mutation<Cart> {
        Mutation(
            scope: .cart, optimisticUpdates: [.update(PortalQueryKeys.cart, as: Cart.self, estimate)],
            invalidatesOnFailure: Invalidation.keys(for: .cartChange),
            confirmedWrites: { cart in [.set(PortalQueryKeys.cart, to: cart)] },
            perform: call)
    }
}
