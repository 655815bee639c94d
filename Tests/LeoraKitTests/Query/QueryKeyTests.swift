import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryKey")
struct QueryKeyTests {
    @Test("prefix matching")
    func prefixes() {
        let key: QueryKey = ["orders", "list", "pending", "1"]
        #expect(key.hasPrefix([]))
        #expect(key.hasPrefix(["orders"]))
        #expect(key.hasPrefix(["orders", "list", "pending"]))
        #expect(key.hasPrefix(key))
        #expect(!key.hasPrefix(["orders", "detail"]))
        #expect(!key.hasPrefix(["order"]), "parts match whole, not by string prefix")
        #expect(!QueryKey(["orders"]).hasPrefix(key))
        #expect(key.resource == "orders")
        #expect(QueryKey("orders").appending("list", "1") == ["orders", "list", "1"])
    }

    @Test("codable as a plain array, hashable")
    func codable() throws {
        let key: QueryKey = ["products", "list", "q=tea"]
        let data = try JSONEncoder().encode(key)
        #expect(String(decoding: data, as: UTF8.self) == #"["products","list","q=tea"]"#)
        #expect(try JSONDecoder().decode(QueryKey.self, from: data) == key)
        #expect(Set<QueryKey>([["a"], ["a"], ["a", "b"]]).count == 2)
        #expect(key.description == #"["products", "list", "q=tea"]"#)
    }
}
