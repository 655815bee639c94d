/// Runs `body`, failing with `TestFailure` if it has not finished after `seconds` (so a test that
/// waits on the network fails instead of hanging the run).
public func withDeadline<T: Sendable>(seconds: Int, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("\(what) did not finish within \(seconds) s")
        }
        return value
    }
}
