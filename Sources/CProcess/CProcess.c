#define _GNU_SOURCE
#include "CProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int32_t ll_memfd(const char *name) {
    return memfd_create(name, MFD_CLOEXEC);
}

int32_t ll_spawn(const char *path, char *const argv[], char *const envp[], int32_t input_fd,
                 int32_t *pid, int32_t *stdout_fd, int32_t *stderr_fd) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) return errno;
    if (pipe2(err, O_CLOEXEC) != 0) {
        int e = errno;
        close(out[0]); close(out[1]);
        return e;
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_adddup2(&actions, input_fd, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    pid_t child = 0;
    int result = posix_spawn(&child, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(out[1]);
    close(err[1]);
    if (result != 0) {
        close(out[0]);
        close(err[0]);
        return result;
    }
    *pid = child;
    *stdout_fd = out[0];
    *stderr_fd = err[0];
    return 0;
}

int32_t ll_exited(int32_t status) { return WIFEXITED(status); }
int32_t ll_exit_code(int32_t status) { return WEXITSTATUS(status); }
int32_t ll_signaled(int32_t status) { return WIFSIGNALED(status); }
int32_t ll_term_signal(int32_t status) { return WTERMSIG(status); }

static uint64_t address_space_limit = 0;

int32_t ll_limit_self(uint64_t address_space, uint64_t cpu_seconds) {
    address_space_limit = address_space;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) return errno;
    if (setrlimit(RLIMIT_FSIZE, &none) != 0) return errno;
    signal(SIGXFSZ, SIG_IGN);  // a library that tries to write a cache file gets EFBIG, not death
    if (address_space > 0) {
        struct rlimit as = {address_space, address_space};
        if (setrlimit(RLIMIT_AS, &as) != 0) return errno;
    }
    if (cpu_seconds > 0) {
        // SIGXCPU at the soft limit, SIGKILL one second later.
        struct rlimit cpu = {cpu_seconds, cpu_seconds + 1};
        if (setrlimit(RLIMIT_CPU, &cpu) != 0) return errno;
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return errno;
    return 0;
}

/// The process's address space in bytes, from /proc/self/statm, with calls safe in a signal handler.
static uint64_t address_space_used(void) {
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0) return 0;
    char buffer[64];
    ssize_t n = read(fd, buffer, sizeof(buffer));
    close(fd);
    uint64_t pages = 0;
    for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; i++) pages = pages * 10 + (uint64_t)(buffer[i] - '0');
    return pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

static void memory_crash(int signal_number) {
    int failed_allocation = errno == ENOMEM;
    if (failed_allocation || (address_space_limit > 0 && address_space_used() * 2 >= address_space_limit)) {
        static const char line[] = "\nleakledger-extract: out of memory\n";
        ssize_t ignored = write(2, line, sizeof(line) - 1);
        (void)ignored;
    }
    raise(signal_number);  // the handler was reset: the default action ends the process
}

void ll_report_memory_crashes(void) {
    // Its own stack, so that it runs after a stack overflow too.
    static char alternate[64 * 1024];
    stack_t stack = {.ss_sp = alternate, .ss_size = sizeof(alternate), .ss_flags = 0};
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = memory_crash;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    int signals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGTRAP, SIGILL};
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) sigaction(signals[i], &action, NULL);
}
