import CNcurseswShim
import TerminalUI

/// The thin ncurses backend: buffer diffs to the terminal, input, signals, restore.
public enum NcursesBackend {}
