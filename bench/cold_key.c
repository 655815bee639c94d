/*
 * Preloaded (LD_PRELOAD) into a program run under callgrind by bench/cold_key.py: each time the
 * program wakes for a key (a `poll` that waits on standard input returns it readable, or a `read` of
 * it, the first after the program last wrote), 64 MiB are touched first, so that the simulated
 * caches hold nothing of the key before. Callgrind then counts what B2's pause leaves the machine to
 * fetch: the cache lines of code and data one key touches, each once. `cold_key_flush` is left out
 * of the counts by name.
 *
 * With COLD_KEY_TO_FRAME=1 in the environment (and callgrind's --collect-atstart=no), only what the
 * program does from the wake to its first write to the terminal is counted: the part of a key that B2
 * times (key → the output that changes the screen); what it does after the frame is out is not.
 *
 * Built by bench/cold_key.py: gcc -O2 -shared -fPIC bench/cold_key.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

enum { FLUSHED = 64 << 20, LINE = 64 };
static unsigned char *junk;
/* Set by a write to the terminal: the next wake for a key is a new key's. */
static int armed = 1;
/* COLD_KEY_TO_FRAME: counting from the wake to the first write only; whether it is counting now. */
static int to_frame = -1, collecting;

static void collect(int on) {
    if (to_frame < 0) to_frame = getenv("COLD_KEY_TO_FRAME") != NULL;
    if (to_frame && collecting != on) {
        collecting = on;
        CALLGRIND_TOGGLE_COLLECT;
    }
}

__attribute__((noinline)) void cold_key_flush(void) {
    if (!junk && !(junk = malloc(FLUSHED))) return;
    for (long offset = 0; offset < FLUSHED; offset += LINE) junk[offset]++;
    __asm__ volatile("" : : "r"(junk) : "memory");
}

static void woken(void) {
    if (armed) {
        armed = 0;
        collect(1);  /* before the flush, which is counted by name to count the keys */
        cold_key_flush();
    }
}

int poll(struct pollfd *fds, nfds_t count, int timeout) {
    static int (*real)(struct pollfd *, nfds_t, int);
    if (!real) real = (int (*)(struct pollfd *, nfds_t, int))dlsym(RTLD_NEXT, "poll");
    int ready = real(fds, count, timeout);
    for (nfds_t index = 0; ready > 0 && timeout != 0 && index < count; index++) {
        if (fds[index].fd == STDIN_FILENO && fds[index].revents) woken();
    }
    return ready;
}

ssize_t read(int fd, void *buffer, size_t size) {
    static ssize_t (*real)(int, void *, size_t);
    if (!real) real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t count = real(fd, buffer, size);
    if (fd == STDIN_FILENO && count > 0) woken();
    return count;
}

ssize_t write(int fd, const void *buffer, size_t size) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (fd == STDOUT_FILENO) {
        armed = 1;
        collect(0);
    }
    return real(fd, buffer, size);
}
