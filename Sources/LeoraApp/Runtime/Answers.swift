import Foundation
import LeoraKit

/// The answers to one read as a screen receives them: the cached value at once and, when a
/// background revalidation changes it, the fresh one, each with when the portal gave it (see
/// `PortalData.answers`).
public typealias Answers<Value: Sendable> = AsyncThrowingStream<Answer<Value>, any Error>

extension AsyncThrowingStream where Failure == any Error {
    /// The one answer of `operation`, given just now (a read that is not cached, and tests).
    public static func single<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) -> Self where Element == Answer<Value> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    continuation.yield(Answer(try await operation()))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The same answers, each value transformed (their times kept).
    public func mapped<Value: Sendable, Other: Sendable>(_ transform: @escaping @Sendable (Value) -> Other) -> Answers<Other>
    where Element == Answer<Value> {
        AsyncThrowingStream<Answer<Other>, any Error> { continuation in
            let task = Task {
                do {
                    for try await answer in self { continuation.yield(Answer(transform(answer.value), updatedAt: answer.updatedAt)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
