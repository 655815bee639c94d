#ifndef CNCURSESWSHIM_H
#define CNCURSESWSHIM_H
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#endif
