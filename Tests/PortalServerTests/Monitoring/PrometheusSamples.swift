/// The samples of a Prometheus text exposition (`name{label="value",…} number` lines), for assertions.
struct PrometheusSamples: CustomStringConvertible {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let samples: [Sample]
    let description: String

    init(_ text: String) {
        description = text
        samples = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") ? nil : Self.parse(Substring(line))
        }
    }

    /// The value of the one sample named `name` whose labels include `labels`; nil when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.count == 1 ? matching[0].value : nil
    }

    /// The samples named `name`.
    func named(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    private static func parse(_ line: Substring) -> Sample? {
        guard let end = line.lastIndex(of: " "), let value = Double(line[line.index(after: end)...]) else { return nil }
        let series = line[..<end]
        guard let open = series.firstIndex(of: "{") else {
            return Sample(name: String(series), labels: [:], value: value)
        }
        guard series.last == "}" else { return nil }
        var labels: [String: String] = [:]
        var rest = series[series.index(after: open)..<series.index(before: series.endIndex)]
        while let equals = rest.firstIndex(of: "=") {
            let key = String(rest[..<equals].drop { $0 == "," })
            var index = rest.index(equals, offsetBy: 2)  // past `="`
            var labelValue = ""
            while index < rest.endIndex, rest[index] != "\"" {
                if rest[index] == "\\" { index = rest.index(after: index) }
                labelValue.append(rest[index])
                index = rest.index(after: index)
            }
            labels[key] = labelValue
            rest = rest[rest.index(after: index)...]
        }
        return Sample(name: String(series[..<open]), labels: labels, value: value)
    }
}
