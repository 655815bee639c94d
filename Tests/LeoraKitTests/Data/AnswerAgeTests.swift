import Foundation
import Testing

@testable import LeoraKit

/// A screen's answer says how old it is: the age of the cached copy, not the moment it was read.
@Suite struct AnswerAgeTests {
    @Test func offlineTheCachedAnswerCarriesWhenThePortalGaveIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = QueryTestClock()
        let cache = QueryClient(clock: clock, retryPolicy: .never)
        let key: QueryKey = ["orders", "list", "age"]
        let fetchedAt = clock.now
        await cache.setQueryData(key, [7, 8])
        // Observed, so it is kept for the three hours (as the copy read from disk at start is).
        let kept = await cache.observe(key, as: [Int].self)
        defer { _ = kept }
        clock.advance(by: .seconds(3 * 3600))
        await cache.setOnline(false)
        // Offline nothing is asked of the portal: the session is never used.
        let session = SessionStore(client: PortalClient(server: URL(string: "http://127.0.0.1:9")!, transport: CurlTransport()), file: SessionFile(directory: directory.url))
        let data = PortalData(session: session, cache: cache)

        var answers: [Answer<[Int]>] = []
        await #expect(throws: PortalError.self) {
            for try await answer in data.answers(key, { _ in [0] }) { answers.append(answer) }
        }
        #expect(answers == [Answer([7, 8], updatedAt: fetchedAt)])
    }
}
