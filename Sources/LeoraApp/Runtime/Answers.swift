import Foundation

/// The answers to one read as a screen receives them: the cached value at once and, when a
/// background revalidation changes it, the fresh one (see `PortalData.answers`).
public typealias Answers<Value: Sendable> = AsyncThrowingStream<Value, any Error>

extension AsyncThrowingStream where Failure == any Error {
    /// The one answer of `operation` (a read that is not cached, and tests).
    public static func single(_ operation: @escaping @Sendable () async throws -> Element) -> Self {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    continuation.yield(try await operation())
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The same answers, each transformed.
    public func mapped<Other: Sendable>(_ transform: @escaping @Sendable (Element) -> Other) -> Answers<Other> where Element: Sendable {
        AsyncThrowingStream<Other, any Error> { continuation in
            let task = Task {
                do {
                    for try await element in self { continuation.yield(transform(element)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
