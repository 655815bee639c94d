/// The terminal-independent UI layer (cells, buffer, layout, widgets, themes). No ncurses here.
public enum TerminalUI {}
