#ifndef LEORA_CRASH_SETTINGS_H
#define LEORA_CRASH_SETTINGS_H

/// How Swift's runtime reports a crash of `leora` (the value of SWIFT_BACKTRACE): not interactive,
/// no colour, the backtrace on standard error.
extern const char *const leora_crash_settings;

/// 1 when the runtime has these settings without running the program again: SWIFT_BACKTRACE was set
/// before the process started, or the runtime is linked into the executable (a static standard
/// library), where this target's constructor sets the variable before the runtime reads it. 0 when the
/// runtime is a shared library: it read its environment before any code of the executable ran.
int leora_crash_settings_applied(void);

#endif
