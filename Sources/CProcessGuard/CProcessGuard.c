#include "CProcessGuard.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

int cpg_disable_core_dumps(void) {
    struct rlimit none = {0, 0};
    int result = setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) result = -1;
#endif
    return result;
}

int cpg_is_dumpable(void) {
#ifdef __linux__
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
    return -1;
#endif
}

static char crash_line[1024];
static size_t crash_line_length = 0;
static int crash_status = 70;

static void write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

static void on_crash(int signal_number) {
    // Only async-signal-safe calls from here on.
    char digits[16];
    size_t count = 0;
    int value = signal_number;
    do {
        digits[sizeof digits - 1 - count] = (char)('0' + value % 10);
        value /= 10;
        count++;
    } while (value > 0 && count < sizeof digits);
    write_all(crash_line, crash_line_length);
    write_all(digits + sizeof digits - count, count);
    write_all(")\n", 2);
    _exit(crash_status);
}

void cpg_install_crash_handler(const char *line, int status) {
    size_t length = strlen(line);
    if (length > sizeof crash_line - 1) length = sizeof crash_line - 1;
    memcpy(crash_line, line, length);
    crash_line[length] = 0;
    crash_line_length = length;
    crash_status = status;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    int signals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &action, NULL);
}
