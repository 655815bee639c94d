import ArgumentParser

/// What `leora` without a subcommand (the terminal UI) accepts. Parsed on their own first
/// (`LeoraMain`): with no subcommand in the tree to describe, that is a fraction of parsing the
/// whole command; anything else — a subcommand, `--help`, `--version`, a mistake — goes to the
/// whole command, which answers as it always has.
struct InterfaceOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("user"), help: "The email address to prefill on the login screen.") var email: String?
    @Option(help: "The colour theme: default, light, solarized-dark, high-contrast, monochrome, or a file in $XDG_CONFIG_HOME/leora/themes/.")
    var theme: String?
    @Flag(help: "Clicks on tabs and rows, and the wheel.") var mouse = false
}
