/* Native callers of callbacks that return a struct, by value and by pointer, for StructDefaultValueTest. */
#include <pthread.h>
#include <stddef.h>

typedef struct { int a; int b; } pair;
typedef pair (*pair_by_value)(int);
typedef pair *(*pair_by_ref)(int);

/* a * 1000 + b of what the callback returned */
int callgate_test_by_value(pair_by_value cb) {
    pair p = cb(7);
    return p.a * 1000 + p.b;
}

/* the same through a pointer; -1 for NULL */
int callgate_test_by_ref(pair_by_ref cb) {
    pair *p = cb(7);
    return p == NULL ? -1 : p->a * 1000 + p->b;
}

static void *by_value_thread(void *cb) {
    static __thread int result;
    result = callgate_test_by_value((pair_by_value) cb);
    return (void *) (long) result;
}

/* callgate_test_by_value on a new pthread (a thread the JVM did not create); -2 if none started */
int callgate_test_by_value_on_new_thread(pair_by_value cb) {
    pthread_t t;
    void *result;
    if (pthread_create(&t, NULL, by_value_thread, (void *) cb) != 0 || pthread_join(t, &result) != 0) {
        return -2;
    }
    return (int) (long) result;
}
