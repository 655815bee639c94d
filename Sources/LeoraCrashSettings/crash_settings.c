#define _GNU_SOURCE
#include "LeoraCrashSettings.h"
#include <dlfcn.h>
#include <stdlib.h>

const char *const leora_crash_settings = "enable=yes,interactive=no,color=no,output-to=stderr";

static int applied = 0;

/* Runs before the C++ constructors without a priority, among them the one in which a statically
   linked Swift runtime reads SWIFT_BACKTRACE (its settings cannot change after that). A shared
   libswiftCore has run its constructors before the executable's: then this changes nothing and
   `leora` runs itself again with the variable set (CrashReporting.swift). */
__attribute__((constructor(101))) static void leora_settle_crash_settings(void) {
    if (getenv("SWIFT_BACKTRACE") != NULL) {
        applied = 1;
        return;
    }
    void *shared_runtime = dlopen("libswiftCore.so", RTLD_LAZY | RTLD_NOLOAD);
    if (shared_runtime != NULL) {
        dlclose(shared_runtime);
        return;
    }
    if (setenv("SWIFT_BACKTRACE", leora_crash_settings, 0) == 0) applied = 1;
}

int leora_crash_settings_applied(void) { return applied; }
