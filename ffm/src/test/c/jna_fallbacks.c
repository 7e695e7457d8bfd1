/* Native callers of the callback shapes that take JNA's route (FallbackRouteTest). */
#include <stdlib.h>
typedef struct { int a; int b; } pair;

/* A struct passed by value to the callback. */
int fallback_pair_argument(int (*cb)(pair), int a, int b) {
    pair p = { a, b };
    return cb(p);
}

/* A struct returned by value from the callback. */
int fallback_pair_result(pair (*cb)(int), int x) {
    pair p = cb(x);
    return p.a * 1000 + p.b;
}

/* A variadic callback: a count, then that many ints. */
int fallback_variadic(int (*cb)(int, ...), int x) {
    return cb(1, x);
}

/* A plain int callback, for types a converter maps to int. */
int fallback_int(int (*cb)(int), int x) {
    return cb(x);
}

/* qsort through this library, so a binding of it takes the library's options. */
void fallback_sort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *)) {
    qsort(base, count, size, compare);
}
