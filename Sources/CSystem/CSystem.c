#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "CSystem.h"

int leakledger_syncfs(int fd) {
#if defined(__linux__)
    return syncfs(fd);
#else
    (void)fd;
    errno = ENOSYS;
    return -1;
#endif
}

const void *leakledger_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}
