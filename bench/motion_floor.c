/*
 * The floor of our stack for B2: what any ncursesw program must do to move a highlighted row of a
 * coloured list. Like leora's orders list at 120×35, 28 rows of order-like text in three colour
 * pairs (a status word in its own) and a status bar saying "N of 1000"; `j` and `k` move the
 * selection (round from one end to the other), and the row it left, the row it reached and the
 * status bar are drawn again, then `refresh`. No state, no layout: the time left is ncurses' and
 * the terminal's.
 *
 * Built by bench/run.py: gcc -O2 bench/motion_floor.c -lncursesw
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <stdio.h>

enum { ROWS = 28, FIRST_ROW = 4 };
enum { PLAIN = 1, SELECTED, STATUS_WORD, STATUS_BAR };
static int height, width, selected = 10;

static void draw_row(int index) {
    char text[128];
    int is_selected = index == selected;
    snprintf(text, sizeof text, "NW-%05d       2026-06-24 Customer %02d Tavern", 10000 + index, index % 32);
    attrset(is_selected ? A_BOLD : A_NORMAL);
    color_set(is_selected ? SELECTED : PLAIN, NULL);
    mvprintw(FIRST_ROW + index, 1, "%-80s", text);
    if (!is_selected) color_set(STATUS_WORD, NULL);
    addstr("delivered");
    if (!is_selected) color_set(PLAIN, NULL);
    printw("%6d %13s ", 20 + index, "$1,672.46");
    attrset(A_NORMAL);
}

static void draw_status(void) {
    color_set(STATUS_BAR, NULL);
    mvprintw(height - 1, width - 40, "%4d of 1000 · updated just now", selected + 1);
}

int main(void) {
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    start_color();
    init_pair(PLAIN, 252, 235);
    init_pair(SELECTED, 231, 24);
    init_pair(STATUS_WORD, 71, 235);
    init_pair(STATUS_BAR, 250, 237);
    getmaxyx(stdscr, height, width);
    mvaddstr(1, 1, "Orders");
    for (int index = 0; index < ROWS; index++) draw_row(index);
    draw_status();
    refresh();
    for (int key; (key = getch()) != 'q';) {
        int left = selected;
        // Past either end the selection comes round to the other (a move of two rows all the same).
        if (key == 'j') selected = (selected + 1) % ROWS;
        if (key == 'k') selected = (selected + ROWS - 1) % ROWS;
        draw_row(left);
        draw_row(selected);
        draw_status();
        refresh();
    }
    endwin();
    return 0;
}
