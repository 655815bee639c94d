#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A cached value with its type erased: either a decoded value, or raw JSON restored
/// from disk that is decoded the first time someone asks for it by type.
enum StoredValue: Sendable {
    case decoded(any Sendable & Codable)
    case raw(Data)

    func value<Value: Sendable & Decodable>(as type: Value.Type) -> Value? {
        switch self {
        case .decoded(let value): value as? Value
        case .raw(let data): try? JSONDecoder().decode(Value.self, from: data)
        }
    }

    func encoded() throws -> Data {
        switch self {
        case .decoded(let value): try JSONEncoder().encode(value)
        case .raw(let data): data
        }
    }
}
