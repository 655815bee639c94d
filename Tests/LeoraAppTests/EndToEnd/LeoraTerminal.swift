import Foundation
import LeoraApp
import PortalTestSupport
import TerminalUI

/// `leora` running in tmux, pressed with the app's own `Key`s and read as whole-terminal snapshots.
struct LeoraTerminal {
    let session: TmuxSession
    /// How often the screen is read while waiting for it.
    static let pollInterval = Duration.milliseconds(30)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func press(_ key: Key) throws {
        guard let name = TmuxKeyName.of(key) else { throw Failure(description: "tmux cannot press \(KeyName.of(key))") }
        try session.sendKeys(name)
    }

    func press(_ keys: [Key]) throws {
        let names = try keys.map { key in
            guard let name = TmuxKeyName.of(key) else { throw Failure(description: "tmux cannot press \(KeyName.of(key))") }
            return name
        }
        guard !names.isEmpty else { return }
        try session.sendKeys(names)
    }

    func type(_ text: String) throws { try session.type(text) }

    func snapshot() throws -> TerminalSnapshot {
        let (rows, cursor) = try session.captureWithCursor()
        return TerminalSnapshot(styledRows: rows, cursor: cursor)
    }

    /// `snapshot()` off the cooperative pool, for the waits that poll it.
    func read() async throws -> TerminalSnapshot {
        let session = self.session
        return try await session.offPool {
            let (rows, cursor) = try session.captureWithCursor()
            return TerminalSnapshot(styledRows: rows, cursor: cursor)
        }
    }

    /// The first snapshot that differs from `before` outside the status bar, or nil if none comes
    /// within `timeout` (or leora exits: the snapshot says so).
    func waitForChange(from before: TerminalSnapshot, timeout: Duration) async throws -> TerminalSnapshot? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let reference = before.withoutStatusBar
        while true {
            let now = try await read()
            if now.withoutStatusBar != reference || now.exitStatus != nil { return now }
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    /// The screen once it has held still (status bar aside) for `quiet`, or as it is after `timeout`.
    @discardableResult
    func settle(quiet: Duration = .milliseconds(150), timeout: Duration = .seconds(3)) async throws -> TerminalSnapshot {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var last = try await read()
        var stillSince = ContinuousClock.now
        while ContinuousClock.now < deadline, last.exitStatus == nil {
            try await Task.sleep(for: Self.pollInterval)
            let now = try await read()
            if now.withoutStatusBar != last.withoutStatusBar {
                stillSince = ContinuousClock.now
            } else if ContinuousClock.now - stillSince >= quiet {
                return now
            }
            last = now
        }
        return last
    }

    /// The screen once `condition` holds; throws with the screen after `timeout` or when leora exits.
    @discardableResult
    func waitFor(_ description: String, timeout: Duration = .seconds(15), _ condition: (TerminalSnapshot) -> Bool) async throws -> TerminalSnapshot {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let now = try await read()
            if condition(now) { return now }
            if now.exitStatus != nil { throw Failure(description: "leora exited while waiting for \(description):\n\(now.text)") }
            guard ContinuousClock.now < deadline else { throw Failure(description: "timed out waiting for \(description); the screen was:\n\(now.text)") }
            try await Task.sleep(for: Self.pollInterval)
        }
    }
}

extension TerminalSnapshot {
    /// The pane whose tab the tab bar highlights: the one tab drawn unlike the others, the one tab
    /// with its title when the others show their number alone, or the one tab missing from a bar
    /// whose tabs are all drawn alike.
    var activeTab: AppTab? {
        guard let bar = styledRows.first else { return nil }
        let text = Array(Self.plain(bar))
        let styles = Self.styles(of: bar)
        var found: [(tab: AppTab, style: CellStyle)] = []
        for tab in AppTab.allCases {
            let label = Array("\(tab.numberKey) \(tab.title)")
            guard text.count >= label.count,
                let start = (0...(text.count - label.count)).first(where: { Array(text[$0..<($0 + label.count)]) == label }),
                start + 2 < styles.count
            else { continue }
            // The title's first letter: the number may carry a style of its own in some themes.
            found.append((tab, styles[start + 2]))
        }
        let counts = Dictionary(grouping: found, by: \.style).mapValues(\.count)
        let unique = found.filter { counts[$0.style] == 1 }
        if found.count >= 2, unique.count == 1 { return unique[0].tab }
        // The others shown by their number alone (a narrow terminal): the one title is the selected tab's.
        if found.count == 1 { return found[0].tab }
        // Every tab drawn alike: the highlighted one did not fit (the admin's sixth at 60 columns).
        let missing = AppTab.allCases.filter { tab in !found.contains { $0.tab == tab } }
        return found.count >= 2 && counts.count == 1 && missing.count == 1 ? missing[0] : nil
    }

    /// The `?` overlay is open.
    var showsHelp: Bool { contains("Keys — ") }

    /// The `:` command line is open (it takes the footer's place).
    var showsCommandLine: Bool {
        let rows = self.rows
        return rows.count >= 2 && rows[rows.count - 2].hasPrefix(" :")
    }
}
