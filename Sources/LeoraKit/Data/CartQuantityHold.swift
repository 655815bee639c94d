#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Synchronization

/// Quick `+`/`-` presses on one cart line sent as one `PATCH`: each press shows at once (its
/// optimistic layer in the cache) and registers the line's new absolute quantity here; the first
/// press's request waits until no press came for `window`, then sends the last quantity, and the
/// presses it covered answer with that one cart. Absolute quantities make this safe: the portal ends
/// where the last press said, as if every press had been sent.
///
/// Nothing waits longer than it must: `flush()` sends at once (any other cart change, a checkout,
/// leaving the app), a cancelled wait sends at once, and the request runs in a task of its own, so
/// quitting while it is on its way does not cut it off (`sendHeld()` waits for it).
public final class CartQuantityHold: Sendable {
    /// How long a line's quantity waits for another press before it is sent.
    public static let window: Duration = .seconds(1)

    private struct Line {
        /// The quantity the last press asked for, and that press's ticket.
        var quantity = 0
        var latest: UInt64 = 0
        /// When it is sent if no other press comes.
        var due = Date.distantPast
        /// The last request sent for the line: the tickets it covered and its answer.
        var sentThrough: UInt64 = 0
        var answer: Result<Cart, any Error>?
        /// Presses whose `send` has not returned yet: the line is forgotten when none is left.
        var unanswered = 0

        var isWaiting: Bool { sentThrough < latest }
    }

    private struct State {
        var nextTicket: UInt64 = 1
        var lines: [String: Line] = [:]
        /// Sleeps that a flush ends early.
        var sleepers: [UInt64: Task<Void, Never>] = [:]
        /// Requests on their way.
        var sending: [UInt64: Task<Result<Cart, any Error>, Never>] = [:]
    }

    private let clock: any QueryClock
    private let window: Duration
    private let state = Mutex(State())

    public init(clock: any QueryClock, window: Duration = CartQuantityHold.window) {
        self.clock = clock
        self.window = window
    }

    /// A ticket for a press setting `itemId` to `quantity`, taken as its optimistic layer is applied.
    public func register(itemId: String, quantity: Int) -> UInt64 {
        let due = clock.now.adding(window)
        return state.withLock { state in
            let ticket = state.nextTicket
            state.nextTicket += 1
            var line = state.lines[itemId] ?? Line()
            line.quantity = quantity
            line.latest = ticket
            line.due = due
            line.unanswered += 1
            state.lines[itemId] = line
            return ticket
        }
    }

    /// The cart after the request covering `ticket`: sent by this call once the line is due (the
    /// last quantity asked for), or already sent by an earlier press's call.
    public func send(_ ticket: UInt64, itemId: String, _ setQuantity: @escaping @Sendable (String, Int) async throws -> Cart) async throws -> Cart {
        defer {
            state.withLock { state in
                guard var line = state.lines[itemId] else { return }
                line.unanswered -= 1
                state.lines[itemId] = line.unanswered > 0 || line.isWaiting ? line : nil
            }
        }
        while true {
            enum Next { case answer(Result<Cart, any Error>), wait(Date), send(Int, through: UInt64) }
            let now = clock.now
            let next: Next? = state.withLock { state in
                guard let line = state.lines[itemId] else { return nil }
                if line.sentThrough >= ticket, let answer = line.answer { return .answer(answer) }
                if line.due <= now { return .send(line.quantity, through: line.latest) }
                return .wait(line.due)
            }
            switch next {
            case .answer(let answer):
                return try answer.get()
            case .wait(let due):
                await sleep(until: due, itemId: itemId)
            case .send(let quantity, let through):
                return try await request(itemId: itemId, quantity: quantity, through: through, setQuantity)
            case nil:
                preconditionFailure("a press was sent without its ticket")
            }
        }
    }

    /// Sends every held quantity now (another cart change, a checkout, leaving).
    public func flush() {
        let sleepers = state.withLock { state in
            for (itemId, line) in state.lines where line.isWaiting { state.lines[itemId]?.due = .distantPast }
            return Array(state.sleepers.values)
        }
        sleepers.forEach { $0.cancel() }
    }

    /// Whether a press waits to be sent or its request is on its way.
    public var isHolding: Bool {
        state.withLock { state in !state.sending.isEmpty || state.lines.values.contains(where: \.isWaiting) }
    }

    /// Sends every held quantity now and waits until their requests are answered, or `limit` has
    /// passed (quitting, logging out: a portal that never answers must not hold the rep up).
    public func sendHeld(within limit: Duration = .seconds(5)) async {
        flush()
        let deadline = ContinuousClock.now + limit
        while isHolding, ContinuousClock.now < deadline {
            let sending = state.withLock { Array($0.sending.values) }
            if let first = sending.first {
                _ = await first.value
            } else {
                // A press's request has not started yet: its turn in the cart's queue comes soon.
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    private func sleep(until due: Date, itemId: String) async {
        let clock = self.clock
        let id = state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
        let sleeper = Task { _ = try? await clock.sleep(until: due) }
        // A flush between reading `due` and this registration moved it: this sleep ends at once.
        let moved = state.withLock { state in
            state.sleepers[id] = sleeper
            return state.lines[itemId]?.due != due
        }
        if moved { sleeper.cancel() }
        // Cancelled (the app quits): the quantity is sent at once rather than dropped.
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
            self.flush()
        }
        state.withLock { _ = $0.sleepers.removeValue(forKey: id) }
    }

    /// The request itself, in a task of its own: cancelling the press that waits for it (quitting)
    /// does not cut it off.
    private func request(
        itemId: String, quantity: Int, through: UInt64, _ setQuantity: @escaping @Sendable (String, Int) async throws -> Cart
    ) async throws -> Cart {
        // Registered in the same step that starts it, so its own removal always comes after.
        let task = state.withLock { state in
            let id = state.nextTicket
            state.nextTicket += 1
            let task = Task {
                let result: Result<Cart, any Error>
                do {
                    result = .success(try await setQuantity(itemId, quantity))
                } catch {
                    result = .failure(error)
                }
                self.state.withLock { state in
                    state.sending.removeValue(forKey: id)
                    state.lines[itemId]?.sentThrough = through
                    state.lines[itemId]?.answer = result
                }
                return result
            }
            state.sending[id] = task
            return task
        }
        return try await task.value.get()
    }
}
