import Foundation
import PortalAPI

/// The `:` command line: what it understands, and Tab completion of command names, order
/// statuses and theme names.
public enum CommandPalette {
    /// A command the palette understood.
    public enum Command: Sendable, Equatable {
        case show(AppTab)
        case orders(OrdersFilter)
        case products(search: String)
        /// The customers found by the search; the customer when only one is.
        case customers(search: String)
        case theme(String)
        /// Switches to another profile without restarting.
        case profile(String)
        case refresh
        case help
        case logout
        case quit
    }

    /// Every command, with what it takes, for completion and the "unknown command" hint.
    static let commands: [(name: String, argument: String?)] = [
        ("briefing", nil), ("orders", "status or search"), ("products", "search"), ("cart", nil), ("health", nil),
        ("customers", "name"),
        ("theme", "name"), ("profile", "name"), ("refresh", nil), ("help", nil), ("logout", nil), ("quit", nil),
    ]

    /// Reads a command line; the error is a sentence for the rep.
    public static func parse(_ line: String, themes: [String], profiles: [String] = []) -> Result<Command, PaletteError> {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(PaletteError("Type a command, or Esc to close.")) }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "briefing": return .success(.show(.briefing))
        case "cart": return .success(.show(.cart))
        case "health": return .success(.show(.health))
        case "orders":
            if argument.isEmpty { return .success(.orders(OrdersFilter())) }
            if let status = OrderStatus(rawValue: argument.lowercased()) { return .success(.orders(OrdersFilter(status: status))) }
            return .success(.orders(OrdersFilter(query: argument)))
        case "products": return .success(.products(search: argument))
        case "customers": return .success(.customers(search: argument))
        case "theme":
            guard !argument.isEmpty else { return .failure(PaletteError("Which theme? " + themes.joined(separator: ", "))) }
            guard themes.contains(argument) else { return .failure(PaletteError("No theme “\(argument)”. Themes: " + themes.joined(separator: ", "))) }
            return .success(.theme(argument))
        case "profile":
            let names = profiles.joined(separator: ", ")
            guard !argument.isEmpty else { return .failure(PaletteError("Which profile? " + names)) }
            guard profiles.contains(argument) else { return .failure(PaletteError("No profile “\(argument)”. Profiles: " + names)) }
            return .success(.profile(argument))
        case "refresh": return .success(.refresh)
        case "help": return .success(.help)
        case "logout": return .success(.logout)
        case "quit", "q": return .success(.quit)
        default:
            return .failure(PaletteError("Unknown command “\(name)”. Commands: " + commands.map(\.name).joined(separator: ", ")))
        }
    }

    /// The complete lines `line` could become: command names, then statuses or theme names.
    public static func completions(for line: String, themes: [String], profiles: [String] = []) -> [String] {
        guard let space = line.firstIndex(of: " ") else {
            let prefix = line.lowercased()
            return commands.map(\.name).filter { $0.hasPrefix(prefix) }
        }
        let name = line[..<space].lowercased()
        let argument = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
        let choices: [String] =
            switch name {
            case "orders": OrderStatus.allCases.map(\.rawValue)
            case "theme": themes
            case "profile": profiles
            default: []
            }
        return choices.filter { $0.lowercased().hasPrefix(argument.lowercased()) }.map { "\(name) \($0)" }
    }

    /// What Tab makes of `line`: the only completion (with a space when the command takes an
    /// argument), else the longest prefix the completions share.
    public static func complete(_ line: String, themes: [String], profiles: [String] = []) -> String {
        let options = completions(for: line, themes: themes, profiles: profiles)
        guard let first = options.first else { return line }
        if options.count == 1 {
            let takesArgument = !first.contains(" ") && commands.first { $0.name == first }?.argument != nil
            return takesArgument ? first + " " : first
        }
        let shared = options.dropFirst().reduce(first) { common, option in String(zip(common, option).prefix { $0 == $1 }.map(\.0)) }
        return shared.count > line.count ? shared : line
    }
}

/// Why a palette command could not run, for the rep.
public struct PaletteError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
