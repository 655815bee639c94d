import LeoraKit
import Testing

@Test func responseHeadersAreCaseInsensitive() {
    let response = TransportResponse(status: 200, headers: [Header("ETag", "\"a\"")])
    #expect(response.header("etag") == "\"a\"")
}
