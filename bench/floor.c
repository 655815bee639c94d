/*
 * The floor of our stack for B1: what any terminal client built on libcurl and ncursesw must do
 * before its first useful frame. It initialises libcurl (global state and one easy handle, as a
 * client ready to talk to the portal), reads a cached text file, starts ncursesw and draws one
 * frame of that text, then waits for `q`. No request is made: the data comes from the cache.
 *
 * Built by bench/run.py: gcc -O2 bench/floor.c -lcurl -lncursesw
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curl/curl.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor CACHED-TEXT-FILE\n");
        return 64;
    }
    setlocale(LC_ALL, "");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();

    char text[4096] = {0};
    FILE *file = fopen(argv[1], "r");
    if (file) {
        fread(text, 1, sizeof text - 1, file);
        fclose(file);
    }

    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    mvaddstr(0, 1, "1 Briefing  2 Orders  3 Products  4 Cart  5 Health");
    mvaddstr(2, 1, text);
    refresh();

    while (getch() != 'q') {
    }
    endwin();
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return 0;
}
