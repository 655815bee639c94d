#define _GNU_SOURCE
#include "LeoraCrashSettings.h"
#include <dlfcn.h>
#include <stdlib.h>

/* warnings=suppressed: a static runtime without `swift-backtrace` beside the executable says so on
   standard error at every start otherwise (it then reports a crash without a backtrace). */
const char *const leora_crash_settings = "enable=yes,interactive=no,color=no,output-to=stderr,warnings=suppressed";

/* The Swift standard library's own hook for the argument vector (the interpreter's). */
extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) __attribute__((swiftcall));

static int applied = 0;

/* Runs before the C++ constructors without a priority, among them the one in which a statically
   linked Swift runtime reads SWIFT_BACKTRACE (its settings cannot change after that). A shared
   libswiftCore has run its constructors before the executable's: then this changes nothing and
   `leora` runs itself again with the variable set (CrashReporting.swift).

   setenv moves `environ` off the process's initial stack, where the static standard library looks
   for the argument vector (it walks back from `environ`): the arguments glibc hands to this
   constructor are given to it directly, or `CommandLine.arguments` would be empty. */
__attribute__((constructor(101))) static void leora_settle_crash_settings(int argc, char **argv, char **envp) {
    (void)envp;
    if (getenv("SWIFT_BACKTRACE") != NULL) {
        applied = 1;
        return;
    }
    void *shared_runtime = dlopen("libswiftCore.so", RTLD_LAZY | RTLD_NOLOAD);
    if (shared_runtime != NULL) {
        dlclose(shared_runtime);
        return;
    }
    if (argv == NULL || setenv("SWIFT_BACKTRACE", leora_crash_settings, 0) != 0) return;
    _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
    applied = 1;
}

int leora_crash_settings_applied(void) { return applied; }
