#include "CNcurseswShim.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { signal_limit = 65, reset_capacity = 256, message_capacity = 1024 };

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
/* The crash message and where it goes; the descriptor is -1 when there is none. */
static volatile sig_atomic_t message_descriptor = -1;
static char message_bytes[message_capacity];
static size_t message_length = 0;

int leora_set_fatal_restore(int descriptor, const struct termios *saved, const unsigned char *reset, size_t length) {
    if (length >= reset_capacity) return -1;
    restore_descriptor = descriptor;
    restore_has_termios = saved != NULL;
    if (saved != NULL) restore_termios = *saved;
    memcpy(restore_bytes, reset, length);
    restore_length = length;
    return 0;
}

int leora_set_crash_message(int descriptor, const char *message, size_t length) {
    if (length >= message_capacity) return -1;
    message_descriptor = -1;
    if (descriptor < 0 || message == NULL) return 0;
    memcpy(message_bytes, message, length);
    message_length = length;
    message_descriptor = descriptor;
    return 0;
}

static void write_all(int descriptor, const void *bytes, size_t length) {
    size_t written = 0;
    while (written < length) {
        ssize_t count = write(descriptor, (const char *)bytes + written, length - written);
        if (count > 0) written += (size_t)count;
        else if (count < 0 && errno == EINTR) continue;
        else break;
    }
}

void leora_restore_terminal_now(void) {
    int saved_errno = errno;
    if (restore_descriptor >= 0) {
        write_all(restore_descriptor, restore_bytes, restore_length);
        if (restore_has_termios) tcsetattr(restore_descriptor, TCSANOW, &restore_termios);
    }
    errno = saved_errno;
}

static void fatal_signal_handler(int signal, siginfo_t *info, void *context) {
    (void)context;
    leora_restore_terminal_now();
    int descriptor = message_descriptor;
    if (descriptor >= 0) {
        /* Once: the handler handed over to may fault again. */
        message_descriptor = -1;
        int saved_errno = errno;
        write_all(descriptor, message_bytes, message_length);
        errno = saved_errno;
    }
    /* Hand over to the earlier action. A fault the kernel raised (si_code > 0) happens again
       when the faulting instruction runs again as this handler returns, so the earlier handler
       (Swift's backtracer) sees the real fault and its address. A sent signal (kill, raise,
       abort), and SIGTRAP (x86's int3 resumes after itself), is raised again instead: it is
       blocked until this handler returns, then delivered. */
    if (signal > 0 && signal < signal_limit) sigaction(signal, &previous_actions[signal], NULL);
    if (info == NULL || info->si_code <= 0 || signal == SIGTRAP) raise(signal);
}

static void terminating_signal_handler(int signal) {
    leora_restore_terminal_now();
    /* Only installed over the default action: die of the signal as if never caught. */
    if (signal > 0 && signal < signal_limit) sigaction(signal, &previous_actions[signal], NULL);
    raise(signal);
}

static int install(int signal, void (*handler)(int), void (*informed_handler)(int, siginfo_t *, void *)) {
    if (signal <= 0 || signal >= signal_limit || installed[signal]) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    if (informed_handler != NULL) {
        action.sa_sigaction = informed_handler;
        action.sa_flags = SA_ONSTACK | SA_SIGINFO;
    } else {
        action.sa_handler = handler;
        action.sa_flags = SA_ONSTACK;
    }
    sigemptyset(&action.sa_mask);
    if (sigaction(signal, &action, &previous_actions[signal]) != 0) return -1;
    installed[signal] = 1;
    return 0;
}

int leora_install_fatal_signal_handler(int signal) { return install(signal, NULL, fatal_signal_handler); }

int leora_install_terminating_signal_handler(int signal) {
    if (signal <= 0 || signal >= signal_limit || installed[signal]) return -1;
    struct sigaction current;
    if (sigaction(signal, NULL, &current) != 0) return -1;
    /* Ignored or handled by someone else: the signal does not end the process here. */
    if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) return 1;
    return install(signal, terminating_signal_handler, NULL);
}

int leora_uninstall_fatal_signal_handler(int signal) {
    if (signal <= 0 || signal >= signal_limit || !installed[signal]) return -1;
    installed[signal] = 0;
    return sigaction(signal, &previous_actions[signal], NULL);
}
