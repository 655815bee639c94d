#include "CNcurseswShim.h"
#include <string.h>
#include <wchar.h>

WINDOW *leora_stdscr(void) { return stdscr; }
int leora_lines(void) { return LINES; }
int leora_cols(void) { return COLS; }
int leora_colors(void) { return COLORS; }
int leora_color_pairs(void) { return COLOR_PAIRS; }

void leora_getmaxyx(WINDOW *window, int *rows, int *columns) {
    int y = 0, x = 0;
    getmaxyx(window, y, x);
    *rows = y;
    *columns = x;
}

attr_t leora_attribute_normal(void) { return WA_NORMAL; }
attr_t leora_attribute_bold(void) { return WA_BOLD; }
attr_t leora_attribute_dim(void) { return WA_DIM; }
attr_t leora_attribute_italic(void) { return WA_ITALIC; }
attr_t leora_attribute_underline(void) { return WA_UNDERLINE; }
attr_t leora_attribute_reverse(void) { return WA_REVERSE; }
attr_t leora_attribute_blink(void) { return WA_BLINK; }
attr_t leora_attribute_standout(void) { return WA_STANDOUT; }
attr_t leora_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

mmask_t leora_mouse_button1_pressed(void) { return BUTTON1_PRESSED; }
mmask_t leora_mouse_button1_released(void) { return BUTTON1_RELEASED; }
mmask_t leora_mouse_button1_clicked(void) { return BUTTON1_CLICKED; }
mmask_t leora_mouse_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
mmask_t leora_mouse_button3_clicked(void) { return BUTTON3_CLICKED; }
mmask_t leora_mouse_button4_pressed(void) { return BUTTON4_PRESSED; }
mmask_t leora_mouse_button5_pressed(void) { return BUTTON5_PRESSED; }
mmask_t leora_mouse_report_position(void) { return REPORT_MOUSE_POSITION; }
mmask_t leora_mouse_all_events(void) { return ALL_MOUSE_EVENTS; }

int leora_key_function(int number) { return KEY_F(number); }

int leora_put_grapheme(WINDOW *window, int row, int column, const char *utf8, attr_t attributes, int pair) {
    wchar_t characters[CCHARW_MAX + 1];
    size_t count = 0;
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t remaining = strlen(utf8);
    while (remaining > 0 && count < CCHARW_MAX) {
        wchar_t character = 0;
        size_t used = mbrtowc(&character, utf8, remaining, &state);
        if (used == (size_t)-1 || used == (size_t)-2) return ERR;
        if (used == 0) break;
        characters[count++] = character;
        utf8 += used;
        remaining -= used;
    }
    if (count == 0) characters[count++] = L' ';
    characters[count] = L'\0';
    cchar_t cell;
    /* The int behind `opts` carries the pair, so pairs beyond a short work (ncurses >= 6.1). */
    if (setcchar(&cell, characters, attributes, 0, &pair) == ERR) return ERR;
    return mvwadd_wch(window, row, column, &cell);
}

int leora_put_ascii(WINDOW *window, int row, int column, unsigned char byte, attr_t attributes, int pair) {
    wchar_t characters[2] = {(wchar_t)byte, L'\0'};
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, 0, &pair) == ERR) return ERR;
    return mvwadd_wch(window, row, column, &cell);
}
