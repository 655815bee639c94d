#ifndef CNCURSESWSHIM_H
#define CNCURSESWSHIM_H
/* The CNcursesw system module's header (wide-character curses.h), so that Swift sees one
   module owning curses and links ncursesw through it. */
#include "../../CNcursesw/shim.h"
#include <stddef.h>
#include <termios.h>

/* What Swift cannot import from ncurses: function-like macros (attributes, COLOR_PAIR,
   getmaxyx, mouse masks, KEY_F) and mutable globals (stdscr, LINES, COLS, COLORS,
   COLOR_PAIRS), which Swift 6 refuses. Everything else is called directly. */

/* Globals, read through functions. */
WINDOW *leora_stdscr(void);
int leora_lines(void);
int leora_cols(void);
int leora_colors(void);
int leora_color_pairs(void);
void leora_getmaxyx(WINDOW *window, int *rows, int *columns);

/* Attributes (A_* and WA_* are the same bits in ncursesw). */
attr_t leora_attribute_normal(void);
attr_t leora_attribute_bold(void);
attr_t leora_attribute_dim(void);
attr_t leora_attribute_italic(void);
attr_t leora_attribute_underline(void);
attr_t leora_attribute_reverse(void);
attr_t leora_attribute_blink(void);
attr_t leora_attribute_standout(void);
attr_t leora_color_pair(int pair);

/* Mouse masks. */
mmask_t leora_mouse_button1_pressed(void);
mmask_t leora_mouse_button1_released(void);
mmask_t leora_mouse_button1_clicked(void);
mmask_t leora_mouse_button1_double_clicked(void);
mmask_t leora_mouse_button3_clicked(void);
mmask_t leora_mouse_button4_pressed(void);
mmask_t leora_mouse_button5_pressed(void);
mmask_t leora_mouse_report_position(void);
mmask_t leora_mouse_all_events(void);

/* KEY_F(n). The other KEY_* codes are plain constants Swift imports. */
int leora_key_function(int number);

/* The most cells `leora_put_cells` writes in one call. */
#define LEORA_RUN_MAX 512

/* Writes `count` cells (1...LEORA_RUN_MAX) of one style from (row, column) of `window`, with
   `attributes` and colour pair `pair` (extended pairs beyond 32767 included), in one ncurses call
   (mvwadd_wchnstr: copied into the window as they are, the cursor left where it was, nothing
   refreshed). `utf8` holds each cell's grapheme (a spacing character and up to four combining
   marks), NUL-terminated, one after the other; a wide character takes two columns and is passed
   once. Returns OK, or ERR (invalid UTF-8, a count out of range, a position outside the window). */
int leora_put_cells(WINDOW *window, int row, int column, const char *utf8, int count, attr_t attributes, int pair);

/* 1 when `leora_put_cells` fills a cell with the printable ASCII `character` exactly as setcchar does
   (the tests' check that curses.h's cchar_t is what the fast path thinks). */
int leora_ascii_cell_matches_setcchar(char character, attr_t attributes, int pair);

/* Signal handlers, in C because Swift code is not async-signal-safe (runtime metadata,
   exclusivity checks, reference counting). They call only write, tcsetattr, sigaction
   and raise; Swift decides when to install them (see signals.c). */

/* Writes the signal's number as one byte to the descriptor set with
   leora_set_wake_descriptor (-1: nothing), keeping errno. Install with sigaction. */
void leora_wake_signal_handler(int signal);
void leora_set_wake_descriptor(int descriptor);

/* What the fatal-signal handler restores: `saved` (may be NULL) on `descriptor` with
   tcsetattr, and `length` bytes of `reset` (at most 255) written to it. Copies both. */
int leora_set_fatal_restore(int descriptor, const struct termios *saved, const unsigned char *reset, size_t length);
/* What the fatal handler writes after restoring the terminal (a crash, not a clean exit):
   `length` bytes of `message` (under 1024) to `descriptor`, once; -1 or NULL for nothing. Copies it. */
int leora_set_crash_message(int descriptor, const char *message, size_t length);
/* Installs the fatal handler for `signal`, remembering the action it replaces. */
int leora_install_fatal_signal_handler(int signal);
/* For a signal whose default action ends the process (SIGUSR1, SIGALRM, SIGPIPE…): when its
   action is still the default, installs a handler that restores the terminal and then dies of
   the signal as before (0). Leaves an ignored or handled signal alone (1); -1 on error. */
int leora_install_terminating_signal_handler(int signal);
/* Puts back the action either install function replaced. */
int leora_uninstall_fatal_signal_handler(int signal);
/* What the fatal handler does before handing over: write the reset, restore termios. */
void leora_restore_terminal_now(void);

#endif
