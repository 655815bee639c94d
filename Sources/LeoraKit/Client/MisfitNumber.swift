#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Finds the field behind Foundation's "The given data was not valid JSON": that is what its
/// `JSONDecoder` says, with no coding path, when a whole-number field holds a valid JSON number it
/// cannot take (`2178.5`, `1e30`). The answer is parsed as plain JSON and its numbers that are not
/// whole, or too large, are tried one at a time: the one whose replacement lets the answer decode
/// (with the others replaced) is named, `data.orders[0].totalCents is 2178.5, not a whole number`.
/// Runs only on that failure, at most `maximumCandidates` decodes.
enum MisfitNumber {
    static let maximumCandidates = 200

    /// Why `body` did not decode, when a number is the reason; nil when it is not (or not JSON).
    static func describe(in body: Data, decodes: (Data) -> Bool) -> String? {
        guard let tree = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        var candidates: [(path: [PathStep], value: Double)] = []
        collect(tree, path: [], into: &candidates)
        guard !candidates.isEmpty, candidates.count <= maximumCandidates else { return nil }
        let allReplaced = candidates.reduce(tree) { replaced, candidate in replacing(candidate.path, in: replaced) }
        guard decodes(encoded(allReplaced)) else { return nil }
        for (index, candidate) in candidates.enumerated() {
            let others = candidates.enumerated().filter { $0.offset != index }.map(\.element)
            let onlyThis = others.reduce(tree) { replaced, other in replacing(other.path, in: replaced) }
            if !decodes(encoded(onlyThis)) {
                let why = candidate.value.rounded() == candidate.value ? "too large for a whole number" : "not a whole number"
                return "\(text(candidate.path)) is \(number(candidate.value)), \(why)"
            }
        }
        return nil
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    /// Numbers no `Int` field can hold, in document order (object keys sorted).
    private static func collect(_ value: JSONValue, path: [PathStep], into candidates: inout [(path: [PathStep], value: Double)]) {
        switch value {
        case .number(let number):
            if number.rounded() != number || !(Double(Int.min)..<Double(Int.max)).contains(number) { candidates.append((path, number)) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collect(element, path: path + [.index(index)], into: &candidates) }
        case .object(let members):
            for key in members.keys.sorted() { collect(members[key]!, path: path + [.key(key)], into: &candidates) }
        case .null, .bool, .string:
            break
        }
    }

    /// `value` with the number at `path` replaced by 0.
    private static func replacing(_ path: [PathStep], in value: JSONValue) -> JSONValue {
        guard let step = path.first else { return .number(0) }
        switch (step, value) {
        case (.key(let key), .object(var members)):
            if let member = members[key] { members[key] = replacing(Array(path.dropFirst()), in: member) }
            return .object(members)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = replacing(Array(path.dropFirst()), in: elements[index])
            return .array(elements)
        default:
            return value
        }
    }

    private static func encoded(_ value: JSONValue) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }

    /// `data.orders[0].totalCents`, as `DecodingFailure` writes paths.
    private static func text(_ path: [PathStep]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "the answer" : text
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
