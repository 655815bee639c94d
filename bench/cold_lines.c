/*
 * B2's measure of the machine: what a key costs a program that touches N memory lines the caches no
 * longer hold. In raw mode, each key follows a chain of N pointers, each in a line of its own, spread at
 * random over 16 MiB (the same chain, from the same start, every key, as a program's code and data are),
 * then writes one changed line. With N = 0 it is the cheapest program a key can wake: its time is the
 * terminal's and the wake-up's alone. The difference between N and 0, over N, is what one line no longer
 * cached costs after B2's pause on this machine; a figure's time above the N = 0 program, over that, is
 * how many such lines it behaves as if it touched (see README, "Benchmarks", B2).
 *
 * Built by bench/run.py: gcc -O2 bench/cold_lines.c; run as `cold_lines N`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

enum { LINE = 64, LINES = 1 << 18 };

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 0;
    char *memory = mmap(NULL, (size_t)LINES * LINE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long *order = malloc(sizeof(long) * LINES);
    if (memory == MAP_FAILED || !order) return 1;
    for (long i = 0; i < LINES; i++) order[i] = i;
    srand(7);
    for (long i = LINES - 1; i > 0; i--) {
        long j = rand() % (i + 1), swapped = order[i];
        order[i] = order[j];
        order[j] = swapped;
    }
    for (long i = 0; i < LINES; i++) *(void **)(memory + order[i] * LINE) = memory + order[(i + 1) % LINES] * LINE;
    void **start = (void **)(memory + order[0] * LINE);

    struct termios settings;
    tcgetattr(STDIN_FILENO, &settings);
    cfmakeraw(&settings);
    tcsetattr(STDIN_FILENO, TCSANOW, &settings);
    printf("\033[2J\033[Hcold lines: %ld\r\n", count);
    fflush(stdout);

    char key;
    long keys = 0;
    while (read(STDIN_FILENO, &key, 1) == 1 && key != 'q') {
        void **line = start;
        for (long i = 0; i < count; i++) line = *line;
        char text[64];
        int length = snprintf(text, sizeof text, "\033[2;1Hkey %ld (%d)  ", ++keys, (int)((long)line & 7));
        if (write(STDOUT_FILENO, text, (size_t)length) < 0) return 1;
    }
    return 0;
}
