import Foundation
import Hummingbird
import PortalAPI

/// Runs operations that carry an `Idempotency-Key`: replays a stored outcome with the same fingerprint
/// before any state check, refuses a reused key with another fingerprint, and makes a duplicate that
/// arrives while the original runs wait for it.
struct IdempotencyService: Sendable {
    let storage: any PortalStorage
    let gate = KeyedGate()

    func perform(
        _ scope: TenantScope, key: String, fingerprint: String, status: HTTPResponse.Status,
        operation: @Sendable (IdempotencyReceipt) async throws -> Order
    ) async throws -> Response {
        let gateKey = "\(scope.userId)\u{0}\(key)"
        await gate.enter(gateKey)
        do {
            let response = try await performAlone(scope, key: key, fingerprint: fingerprint, status: status, operation: operation)
            await gate.leave(gateKey)
            return response
        } catch {
            await gate.leave(gateKey)
            throw error
        }
    }

    private func performAlone(
        _ scope: TenantScope, key: String, fingerprint: String, status: HTTPResponse.Status,
        operation: @Sendable (IdempotencyReceipt) async throws -> Order
    ) async throws -> Response {
        if let stored = try await replay(scope, key: key, fingerprint: fingerprint) { return stored }
        let receipt = IdempotencyReceipt(key: key, fingerprint: fingerprint, status: status.code) { order in
            (try? JSONBody.encoder.encode(Envelope(data: OrderPayload(order: order)))) ?? Data()
        }
        do {
            let order = try await operation(receipt)
            return JSONBody.response(bytes: ByteBuffer(data: receipt.render(order)), status: status, headers: ConditionalResponse.privateHeaders)
        } catch {
            // Another server process may have stored an outcome for this key meanwhile (`IdempotencyKeyTaken`, or
            // a refusal because its effect came first: a checkout that emptied the cart); its outcome is the answer.
            let stored: Response?
            do {
                stored = try await replay(scope, key: key, fingerprint: fingerprint)
            } catch let refusal as APIError {
                throw refusal
            } catch {
                stored = nil
            }
            if let stored { return stored }
            throw error
        }
    }

    private func replay(_ scope: TenantScope, key: String, fingerprint: String) async throws -> Response? {
        guard let stored = try await storage.storedOutcome(scope, key: key) else { return nil }
        guard stored.fingerprint == fingerprint else {
            throw APIError(.idempotencyKeyReused, "This Idempotency-Key was already used for a different request")
        }
        return JSONBody.response(
            bytes: ByteBuffer(data: stored.body), status: HTTPResponse.Status(code: stored.status), headers: ConditionalResponse.privateHeaders)
    }
}

/// Mutual exclusion per key: `enter` waits while another caller holds the same key.
actor KeyedGate {
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    func enter(_ key: String) async {
        if waiters[key] == nil {
            waiters[key] = []
            return
        }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    func leave(_ key: String) {
        guard var queue = waiters[key] else { return }
        if queue.isEmpty {
            waiters[key] = nil
        } else {
            let next = queue.removeFirst()
            waiters[key] = queue
            next.resume()
        }
    }
}
