// The built-in themes, embedded so the binary finds them wherever it runs. Themes/*.yaml are the
// source: edit a file there, then paste its whole text between the matching delimiters below.
// `BuiltinThemeTests` fails (and prints the file) while an embedded copy differs from its file.

/// The YAML of the themes shipped with leora, in the order they are listed.
enum BuiltinThemes {
    static let files: [(name: String, yaml: String)] = [
        ("default", #"""
# leora's default theme: light text on a dark background.
# color: a 256-colour index (0-255) or "default"; fallback: the colour on 16-colour terminals
# (0-15, an ANSI name such as bright-blue, or "default"); attributes: bold, dim, underline, reverse, italic.
name: default
description: Dark background, 256 colours with a 16-colour fallback.
roles:
  background:    { color: 235, fallback: default }
  surface:       { color: 237, fallback: black }
  text:          { color: 252, fallback: default }
  muted:         { color: 244, fallback: bright-black }
  accent:        { color: 75,  fallback: bright-blue }
  title:         { color: 117, fallback: bright-cyan, attributes: [bold] }
  border:        { color: 240, fallback: bright-black }
  selection:     { color: 24,  fallback: blue }
  selectionText: { color: 231, fallback: bright-white, attributes: [bold] }
  success:       { color: 71,  fallback: green }
  warning:       { color: 214, fallback: yellow }
  danger:        { color: 203, fallback: bright-red }
  info:          { color: 74,  fallback: cyan }
  trendUp:       { color: 78,  fallback: bright-green }
  trendDown:     { color: 203, fallback: bright-red }
  tabActive:     { color: 231, fallback: bright-white, attributes: [bold, underline] }
  tabInactive:   { color: 245, fallback: white }
  statusBar:     { color: 237, fallback: blue }
  statusBarText: { color: 250, fallback: bright-white }
  badge:         { color: 214, fallback: yellow, attributes: [bold] }
  input:         { color: 238, fallback: black }
"""#),
        ("light", #"""
# Dark text on a light background.
name: light
description: Light background, 256 colours with a 16-colour fallback.
roles:
  background:    { color: 255, fallback: default }
  surface:       { color: 254, fallback: white }
  text:          { color: 235, fallback: default }
  muted:         { color: 243, fallback: bright-black }
  accent:        { color: 25,  fallback: blue }
  title:         { color: 24,  fallback: blue, attributes: [bold] }
  border:        { color: 248, fallback: bright-black }
  selection:     { color: 153, fallback: cyan }
  selectionText: { color: 16,  fallback: black, attributes: [bold] }
  success:       { color: 28,  fallback: green }
  warning:       { color: 130, fallback: yellow }
  danger:        { color: 160, fallback: red }
  info:          { color: 31,  fallback: cyan }
  trendUp:       { color: 28,  fallback: green }
  trendDown:     { color: 160, fallback: red }
  tabActive:     { color: 16,  fallback: black, attributes: [bold, underline] }
  tabInactive:   { color: 243, fallback: bright-black }
  statusBar:     { color: 252, fallback: white }
  statusBarText: { color: 236, fallback: black }
  badge:         { color: 160, fallback: red, attributes: [bold] }
  input:         { color: 253, fallback: white }
"""#),
        ("solarized-dark", #"""
# Ethan Schoonover's Solarized, dark variant (base03 background), on the 256-colour palette.
name: solarized-dark
description: Solarized dark, 256 colours with a 16-colour fallback.
roles:
  background:    { color: 234, fallback: default }
  surface:       { color: 235, fallback: black }
  text:          { color: 244, fallback: default }
  muted:         { color: 240, fallback: bright-black }
  accent:        { color: 33,  fallback: blue }
  title:         { color: 37,  fallback: cyan, attributes: [bold] }
  border:        { color: 240, fallback: bright-black }
  selection:     { color: 236, fallback: blue }
  selectionText: { color: 230, fallback: bright-white, attributes: [bold] }
  success:       { color: 64,  fallback: green }
  warning:       { color: 136, fallback: yellow }
  danger:        { color: 160, fallback: red }
  info:          { color: 37,  fallback: cyan }
  trendUp:       { color: 64,  fallback: green }
  trendDown:     { color: 160, fallback: red }
  tabActive:     { color: 230, fallback: bright-white, attributes: [bold, underline] }
  tabInactive:   { color: 240, fallback: bright-black }
  statusBar:     { color: 235, fallback: black }
  statusBarText: { color: 245, fallback: white }
  badge:         { color: 166, fallback: yellow, attributes: [bold] }
  input:         { color: 235, fallback: black }
"""#),
        ("high-contrast", #"""
# Maximum contrast: pure black and white, saturated signal colours, bold where it matters.
name: high-contrast
description: Black background, white text, saturated colours.
roles:
  background:    { color: 16,  fallback: black }
  surface:       { color: 16,  fallback: black }
  text:          { color: 231, fallback: bright-white }
  muted:         { color: 250, fallback: white }
  accent:        { color: 51,  fallback: bright-cyan, attributes: [bold] }
  title:         { color: 231, fallback: bright-white, attributes: [bold] }
  border:        { color: 231, fallback: bright-white }
  selection:     { color: 226, fallback: bright-yellow }
  selectionText: { color: 16,  fallback: black, attributes: [bold] }
  success:       { color: 46,  fallback: bright-green, attributes: [bold] }
  warning:       { color: 226, fallback: bright-yellow, attributes: [bold] }
  danger:        { color: 196, fallback: bright-red, attributes: [bold] }
  info:          { color: 51,  fallback: bright-cyan }
  trendUp:       { color: 46,  fallback: bright-green, attributes: [bold] }
  trendDown:     { color: 196, fallback: bright-red, attributes: [bold] }
  tabActive:     { color: 226, fallback: bright-yellow, attributes: [bold, underline] }
  tabInactive:   { color: 231, fallback: bright-white }
  statusBar:     { color: 231, fallback: bright-white }
  statusBarText: { color: 16,  fallback: black, attributes: [bold] }
  badge:         { color: 226, fallback: bright-yellow, attributes: [bold] }
  input:         { color: 236, fallback: black, attributes: [underline] }
"""#),
        ("monochrome", #"""
# No colours at all (used for NO_COLOR): the terminal's own colours, meaning carried by attributes.
name: monochrome
description: The terminal's own colours; emphasis by attributes only.
roles:
  background:    { color: default, fallback: default }
  surface:       { color: default, fallback: default }
  text:          { color: default, fallback: default }
  muted:         { color: default, fallback: default, attributes: [dim] }
  accent:        { color: default, fallback: default, attributes: [bold] }
  title:         { color: default, fallback: default, attributes: [bold] }
  border:        { color: default, fallback: default }
  selection:     { color: default, fallback: default, attributes: [reverse] }
  selectionText: { color: default, fallback: default, attributes: [reverse] }
  success:       { color: default, fallback: default, attributes: [bold] }
  warning:       { color: default, fallback: default, attributes: [bold] }
  danger:        { color: default, fallback: default, attributes: [bold, underline] }
  info:          { color: default, fallback: default }
  trendUp:       { color: default, fallback: default, attributes: [bold] }
  trendDown:     { color: default, fallback: default, attributes: [underline] }
  tabActive:     { color: default, fallback: default, attributes: [bold, underline] }
  tabInactive:   { color: default, fallback: default, attributes: [dim] }
  statusBar:     { color: default, fallback: default, attributes: [reverse] }
  statusBarText: { color: default, fallback: default, attributes: [reverse] }
  badge:         { color: default, fallback: default, attributes: [bold] }
  input:         { color: default, fallback: default, attributes: [underline] }
"""#),
    ]
}
