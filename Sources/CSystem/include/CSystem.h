// The few Linux system calls Swift's Glibc module does not declare (they need _GNU_SOURCE).
#ifndef LEAKLEDGER_CSYSTEM_H
#define LEAKLEDGER_CSYSTEM_H

#include <stddef.h>

/// syncfs(2): flushes the file system holding `fd` (one call for a batch of new files);
/// returns 0, or -1 with errno set (and where the system has no syncfs, -1 with ENOSYS).
int leakledger_syncfs(int fd);

/// memmem(3): the first occurrence of `needle` in `haystack`, or NULL.
const void *leakledger_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
