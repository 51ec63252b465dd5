/* compat.h: the one header that includes system headers; every .c file includes it first.
 * It pins the C dialect and pulls in banned.h so unsafe libc calls fail to compile.
 * It does not include third-party library headers: modules include those they use. */
#pragma once

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x)    ((void)(x))

/* ASSERT aborts with file and line in every build; its text never reaches a client.
 * (cppcheck is shown plain abort() so it knows the failing branch does not return.) */
#ifdef __CPPCHECK__
#define ASSERT(x)                                                                                  \
    do {                                                                                           \
        if (!(x))                                                                                  \
            abort();                                                                               \
    } while (0)
#else
#define ASSERT(x)                                                                                  \
    do {                                                                                           \
        if (!(x))                                                                                  \
            assert_fail(#x, __FILE__, __LINE__);                                                   \
    } while (0)
#endif
_Noreturn void assert_fail(const char *expr, const char *file, int line);

#include "core/banned.h"
