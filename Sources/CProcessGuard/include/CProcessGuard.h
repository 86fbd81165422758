#ifndef CPROCESSGUARD_H
#define CPROCESSGUARD_H

// Process-wide safety settings that Swift cannot make itself: prctl(2) is variadic, and a signal
// handler must only call async-signal-safe functions (write, _exit), which is easiest to keep true in C.

/// Keeps secrets out of core files: RLIMIT_CORE to 0 (https://man7.org/linux/man-pages/man2/setrlimit.2.html)
/// and, on Linux, PR_SET_DUMPABLE to 0 (https://man7.org/linux/man-pages/man2/PR_SET_DUMPABLE.2const.html).
/// Returns 0 when both took effect, -1 otherwise (errno says why).
int cpg_disable_core_dumps(void);

/// Whether the process is currently dumpable (PR_GET_DUMPABLE); 1 yes, 0 no, -1 unknown.
int cpg_is_dumpable(void);

/// Replaces the default crash output (a register dump and backtrace) with one line on stderr and a
/// documented exit status: on SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE and SIGABRT the process writes
/// `line` (copied here, at most 1023 bytes) followed by the signal number, then calls _exit(status).
/// https://man7.org/linux/man-pages/man2/sigaction.2.html
void cpg_install_crash_handler(const char *line, int status);

#endif
