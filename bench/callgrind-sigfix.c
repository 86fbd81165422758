/* An LD_PRELOAD shim for valgrind 3.19 under scripts/callgrind.
 *
 * Valgrind 3.19 writes to the mask that sigsuspend(2) is given; libdispatch's dispatch_main passes a mask in
 * read-only memory, so the program dies under valgrind with SIGSEGV. This sigsuspend passes a writable copy.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);
}
