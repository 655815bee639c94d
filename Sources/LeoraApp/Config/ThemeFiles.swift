import Foundation
import LeoraKit
import TerminalUI

/// Where the terminal UI's theme files are, and the reading of them: `NAME.yaml` in a list of
/// directories, the first directory's file winning. TerminalUI's `ThemeCatalog` parses what is
/// read here and touches no file itself.
struct ThemeFiles: Sendable, Hashable {
    var directories: [URL]

    /// The user's theme directory, beside `config.yaml`: `$XDG_CONFIG_HOME/leora/themes/` (or
    /// `~/.config/leora/themes/`), so a user's file can also replace a built-in theme.
    static func standard(environment: [String: String]) -> ThemeFiles {
        ThemeFiles(directories: [LeoraDirectories.config(environment: environment).appendingPathComponent("themes", isDirectory: true)])
    }

    /// The themes as the files are now (read again on each call, so `:theme` sees a file edited
    /// meanwhile). Only what choosing `requested` needs is read: the files called `requested` (or
    /// `default` when nil), or the file at `requested` when it is a path (contains `/`); the other
    /// `*.yaml` files of the directories are listed by name, not read.
    func catalog(reading requested: String?) -> ThemeCatalog {
        catalog({ $0 == (requested ?? Theme.defaultName) }, requested: requested)
    }

    /// Every `*.yaml` file of the directories, read.
    func catalog() -> ThemeCatalog {
        catalog({ _ in true }, requested: nil)
    }

    private func catalog(_ reads: (String) -> Bool, requested: String?) -> ThemeCatalog {
        var files: [ThemeFile] = []
        var unread: [String] = []
        if let requested, requested.contains("/") {
            files.append(Self.read(URL(fileURLWithPath: requested), name: requested))
        }
        for directory in directories {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            for name in names.sorted().map({ String($0.dropLast(".yaml".count)) }) {
                if reads(name) {
                    files.append(Self.read(directory.appendingPathComponent(name + ".yaml"), name: name))
                } else {
                    unread.append(name)
                }
            }
        }
        return ThemeCatalog(files: files, unreadNames: unread)
    }

    static func read(_ file: URL, name: String) -> ThemeFile {
        let contents: Result<String, ThemeError>
        do {
            contents = .success(try String(contentsOf: file, encoding: .utf8))
        } catch {
            contents = .failure(ThemeError(source: file.path, problem: "cannot be read (\(reason(error)))"))
        }
        return ThemeFile(name: name, source: file.path, contents: contents)
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
