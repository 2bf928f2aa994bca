#ifndef LEAKLEDGER_CPROCESS_H
#define LEAKLEDGER_CPROCESS_H

// The few process calls the extraction worker needs that Swift's Glibc module does not import
// (GNU extensions and macros): in-memory files, a spawn with pipes that closes every other
// descriptor, wait-status decoding, and the limits a worker sets on itself.

#include <stdint.h>

/// An anonymous in-memory file (memfd_create, close-on-exec); -1 with errno set on failure.
int32_t ll_memfd(const char *name);

/// Spawns `path` with `argv` and `envp` (NULL-terminated), in a process group of its own, with
/// standard input read from `input_fd` and standard output and error written to two new pipes
/// whose read ends (close-on-exec) are returned. No other descriptor reaches the child.
/// Returns 0, or an errno value.
int32_t ll_spawn(const char *path, char *const argv[], char *const envp[], int32_t input_fd,
                 int32_t *pid, int32_t *stdout_fd, int32_t *stderr_fd);

/// Nonzero when a waitpid status says the child exited; then `ll_exit_code` is its code.
int32_t ll_exited(int32_t status);
int32_t ll_exit_code(int32_t status);
/// Nonzero when a waitpid status says a signal ended the child; then `ll_term_signal` names it.
int32_t ll_signaled(int32_t status);
int32_t ll_term_signal(int32_t status);

/// Limits a worker sets on itself before it reads any input: address space (bytes; 0 leaves it),
/// CPU time (seconds; 0 leaves it), no core files (they would hold the document), no files
/// written, and SIGKILL when the parent dies. Returns 0, or an errno value.
int32_t ll_limit_self(uint64_t address_space, uint64_t cpu_seconds);

/// Makes a crash that follows a refused allocation end with the line "out of memory" on
/// standard error, so that the parent can name the cause: errno is ENOMEM when the signal
/// arrives, or the process holds over half of its address-space limit (the runtimes abort on
/// a failed allocation without a word). The crash itself proceeds.
void ll_report_memory_crashes(void);

#endif
