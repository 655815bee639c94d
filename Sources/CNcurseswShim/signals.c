#include "CNcurseswShim.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { signal_limit = 65, reset_capacity = 256 };

static volatile sig_atomic_t wake_descriptor = -1;

void leora_set_wake_descriptor(int descriptor) { wake_descriptor = descriptor; }

void leora_wake_signal_handler(int signal) {
    int saved_errno = errno;
    int descriptor = wake_descriptor;
    if (descriptor >= 0) {
        unsigned char byte = (unsigned char)signal;
        ssize_t ignored = write(descriptor, &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

/* Written before any handler that reads them is installed, never while one may run. */
static int restore_descriptor = -1;
static int restore_has_termios = 0;
static struct termios restore_termios;
static unsigned char restore_bytes[reset_capacity];
static size_t restore_length = 0;
static struct sigaction previous_actions[signal_limit];
static int installed[signal_limit];

int leora_set_fatal_restore(int descriptor, const struct termios *saved, const unsigned char *reset, size_t length) {
    if (length >= reset_capacity) return -1;
    restore_descriptor = descriptor;
    restore_has_termios = saved != NULL;
    if (saved != NULL) restore_termios = *saved;
    memcpy(restore_bytes, reset, length);
    restore_length = length;
    return 0;
}

void leora_restore_terminal_now(void) {
    int saved_errno = errno;
    if (restore_descriptor >= 0) {
        size_t written = 0;
        while (written < restore_length) {
            ssize_t count = write(restore_descriptor, restore_bytes + written, restore_length - written);
            if (count > 0) written += (size_t)count;
            else if (count < 0 && errno == EINTR) continue;
            else break;
        }
        if (restore_has_termios) tcsetattr(restore_descriptor, TCSANOW, &restore_termios);
    }
    errno = saved_errno;
}

static void fatal_signal_handler(int signal) {
    leora_restore_terminal_now();
    /* Hand over: the earlier action runs when this handler returns (the signal is
       blocked until then) or when the faulting instruction runs again. */
    if (signal > 0 && signal < signal_limit) sigaction(signal, &previous_actions[signal], NULL);
    raise(signal);
}

int leora_install_fatal_signal_handler(int signal) {
    if (signal <= 0 || signal >= signal_limit || installed[signal]) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = fatal_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    if (sigaction(signal, &action, &previous_actions[signal]) != 0) return -1;
    installed[signal] = 1;
    return 0;
}

int leora_uninstall_fatal_signal_handler(int signal) {
    if (signal <= 0 || signal >= signal_limit || !installed[signal]) return -1;
    installed[signal] = 0;
    return sigaction(signal, &previous_actions[signal], NULL);
}
