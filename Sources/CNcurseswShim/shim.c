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

/* Decodes the NUL-terminated grapheme at `*utf8` into `characters` (NUL-terminated, a space when
   empty) and moves `*utf8` past its NUL. Returns 0, or -1 for invalid UTF-8. */
static int decode_grapheme(const char **utf8, wchar_t characters[CCHARW_MAX + 1]) {
    const char *text = *utf8;
    size_t count = 0;
    size_t remaining = strlen(text);
    *utf8 = text + remaining + 1;
    if (remaining == 1 && (unsigned char)text[0] < 0x80) {
        /* Most of a frame: one ASCII character, nothing to decode. */
        characters[count++] = (wchar_t)(unsigned char)text[0];
        remaining = 0;
    }
    mbstate_t state;
    memset(&state, 0, sizeof state);
    while (remaining > 0 && count < CCHARW_MAX) {
        wchar_t character = 0;
        size_t used = mbrtowc(&character, text, remaining, &state);
        if (used == (size_t)-1 || used == (size_t)-2) return -1;
        if (used == 0) break;
        characters[count++] = character;
        text += used;
        remaining -= used;
    }
    if (count == 0) characters[count++] = L' ';
    characters[count] = L'\0';
    return 0;
}

/* Fills `cell` with the ASCII `character` as setcchar(cell, {character, 0}, attributes, 0, &pair) does
   (curses.h's cchar_t: the attributes with the pair's low bits, the character, the whole pair), without
   its checks and width lookups: most cells of a frame are ASCII. */
static void fill_ascii_cell(cchar_t *cell, unsigned char character, attr_t attributes, int pair) {
    memset(cell, 0, sizeof *cell);
    cell->attr = (attributes & A_ATTRIBUTES & ~A_COLOR) | (attr_t)COLOR_PAIR(pair > 255 ? 255 : pair);
    cell->chars[0] = (wchar_t)character;
#if NCURSES_EXT_COLORS
    cell->ext_color = pair;
#endif
}

int leora_ascii_cell_matches_setcchar(char character, attr_t attributes, int pair) {
    cchar_t filled, made;
    wchar_t characters[2] = {(wchar_t)(unsigned char)character, L'\0'};
    fill_ascii_cell(&filled, (unsigned char)character, attributes, pair);
    memset(&made, 0, sizeof made);
    if (setcchar(&made, characters, attributes, 0, &pair) == ERR) return 0;
    return memcmp(&filled, &made, sizeof made) == 0;
}

int leora_put_cells(WINDOW *window, int row, int column, const char *utf8, int count, attr_t attributes, int pair) {
    if (count < 1 || count > LEORA_RUN_MAX) return ERR;
    cchar_t cells[LEORA_RUN_MAX];
    for (int index = 0; index < count; index++) {
        unsigned char first = (unsigned char)utf8[0];
        if (first >= 0x20 && first < 0x7f && utf8[1] == '\0') {
            fill_ascii_cell(&cells[index], first, attributes, pair);
            utf8 += 2;
            continue;
        }
        wchar_t characters[CCHARW_MAX + 1];
        if (decode_grapheme(&utf8, characters) != 0) return ERR;
        /* The int behind `opts` carries the pair, so pairs beyond a short work (ncurses >= 6.1). */
        if (setcchar(&cells[index], characters, attributes, 0, &pair) == ERR) return ERR;
    }
    return mvwadd_wchnstr(window, row, column, cells, count);
}
