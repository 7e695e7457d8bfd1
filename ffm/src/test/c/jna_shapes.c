/*
 * Native callers for the differential tests of the two callback routes: one function per callback
 * shape, each calling the callback pointer it is given with the values it is given and handing back
 * what the callback returned, on the calling thread or (on_thread != 0) on a new pthread it joins.
 * Compiled by JnaShapes at test time: gcc -shared -fPIC -o libjnashapes.so jna_shapes.c -lpthread
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

typedef void *ptr_t;
typedef struct { void (*run)(void *); void *arg; } job_t;

static void *thread_main(void *p) {
    job_t *job = p;
    job->run(job->arg);
    return NULL;
}

/* Runs fn(arg) here, or on a new native thread the JVM never saw start. */
static void run(int on_thread, void (*fn)(void *), void *arg) {
    if (!on_thread) {
        fn(arg);
        return;
    }
    pthread_t t;
    job_t job = {fn, arg};
    if (pthread_create(&t, NULL, thread_main, &job) != 0) {
        abort();
    }
    pthread_join(t, NULL);
}

/* T call_NAME(T (*cb)(T, T), T a, T b, int on_thread): returns cb(a, b). */
#define SHAPE(NAME, T)                                                                  \
    typedef T (*NAME##_fn)(T, T);                                                       \
    struct NAME##_call { NAME##_fn cb; T a, b, r; };                                    \
    static void NAME##_run(void *p) {                                                   \
        struct NAME##_call *c = p;                                                      \
        c->r = c->cb(c->a, c->b);                                                       \
    }                                                                                   \
    T call_##NAME(NAME##_fn cb, T a, T b, int on_thread) {                              \
        struct NAME##_call c = {cb, a, b};                                              \
        run(on_thread, NAME##_run, &c);                                                 \
        return c.r;                                                                     \
    }

SHAPE(boolean, int32_t) /* JNA passes and returns a boolean as a 32-bit int */
SHAPE(byte, int8_t)
SHAPE(short, int16_t)
SHAPE(wchar, wchar_t)   /* JNA maps Java char to wchar_t */
SHAPE(int, int32_t)
SHAPE(long, int64_t)
SHAPE(float, float)
SHAPE(double, double)
SHAPE(nativelong, long)
SHAPE(pointer, ptr_t)
SHAPE(handle, ptr_t)   /* a PointerType subclass on the Java side */

/* void: cb(a, b), nothing back. */
typedef void (*void_fn)(int32_t, double);
struct void_call { void_fn cb; int32_t a; double b; };
static void void_run(void *p) { struct void_call *c = p; c->cb(c->a, c->b); }
void call_void(void_fn cb, int32_t a, double b, int on_thread) {
    struct void_call c = {cb, a, b};
    run(on_thread, void_run, &c);
}

/* Many mixed arguments, past the argument registers onto the stack. */
typedef double (*mixed_fn)(int8_t, int16_t, int32_t, int64_t, float, double, wchar_t, long, void *, int32_t,
                           double, int64_t, float, int8_t);
struct mixed_call { mixed_fn cb; double r; };
static void mixed_run(void *p) {
    struct mixed_call *c = p;
    c->r = c->cb(-7, -30000, 2000000000, -9000000000000LL, 1.25f, -2.5e300, L'\u00e9', -123456789L,
                 (void *) 0x1234, -1, 0.1, INT64_MAX, -0.0f, 127);
}
double call_mixed(mixed_fn cb, int on_thread) {
    struct mixed_call c = {cb};
    run(on_thread, mixed_run, &c);
    return c.r;
}

/* Strings: what cb returned, copied (free with shapes_free), or NULL. */
typedef const char *(*string_fn)(const char *, const char *);
struct string_call { string_fn cb; const char *a, *b; char *r; };
static void string_run(void *p) {
    struct string_call *c = p;
    const char *r = c->cb(c->a, c->b);
    c->r = r == NULL ? NULL : strdup(r);
}
char *call_string(string_fn cb, const char *a, const char *b, int on_thread) {
    struct string_call c = {cb, a, b};
    run(on_thread, string_run, &c);
    return c.r;
}

typedef const wchar_t *(*wstring_fn)(const wchar_t *, const wchar_t *);
struct wstring_call { wstring_fn cb; const wchar_t *a, *b; wchar_t *r; };
static void wstring_run(void *p) {
    struct wstring_call *c = p;
    const wchar_t *r = c->cb(c->a, c->b);
    c->r = r == NULL ? NULL : wcsdup(r);
}
wchar_t *call_wstring(wstring_fn cb, const wchar_t *a, const wchar_t *b, int on_thread) {
    struct wstring_call c = {cb, a, b};
    run(on_thread, wstring_run, &c);
    return c.r;
}

void shapes_free(void *p) { free(p); }

/* Structures by reference: cb gets a copy of *in on this side's stack; *out gets what cb left in it. */
struct rec { int32_t i; int64_t l; double d; void *p; char s[8]; };

typedef void (*struct_fn)(struct rec *);
struct struct_call { struct_fn cb; struct rec local; };
static void struct_run(void *p) { struct struct_call *c = p; c->cb(&c->local); }
void call_struct(struct_fn cb, const struct rec *in, struct rec *out, int on_thread) {
    struct struct_call c = {cb, *in};
    run(on_thread, struct_run, &c);
    *out = c.local;
}

/* A structure by reference returned: 1 and *out = *returned, or 0 for NULL; *arg_after = the argument after cb. */
typedef struct rec *(*struct_ret_fn)(struct rec *);
struct struct_ret_call { struct_ret_fn cb; struct rec local; struct rec *r; };
static void struct_ret_run(void *p) { struct struct_ret_call *c = p; c->r = c->cb(&c->local); }
int32_t call_struct_ret(struct_ret_fn cb, const struct rec *in, struct rec *out, struct rec *arg_after, int on_thread) {
    struct struct_ret_call c = {cb, *in};
    run(on_thread, struct_ret_run, &c);
    *arg_after = c.local;
    if (c.r == NULL) {
        return 0;
    }
    *out = *c.r;
    return 1;
}

/* Callbacks as arguments and results: cb gets add_thousand (or NULL) and returns what it makes of it. */
typedef int32_t (*int1_fn)(int32_t);
static int32_t add_thousand(int32_t v) { return v + 1000; }
void *shapes_add_thousand(void) { return (void *) add_thousand; }

typedef int32_t (*cbarg_fn)(int1_fn, int32_t);
struct cbarg_call { cbarg_fn cb; int1_fn f; int32_t x, r; };
static void cbarg_run(void *p) { struct cbarg_call *c = p; c->r = c->cb(c->f, c->x); }
int32_t call_callback_arg(cbarg_fn cb, int32_t x, int pass_null, int on_thread) {
    struct cbarg_call c = {cb, pass_null ? NULL : add_thousand, x};
    run(on_thread, cbarg_run, &c);
    return c.r;
}

/* cb(x) returns a function; its result for x, or INT32_MIN when cb returned NULL. */
typedef int1_fn (*cbret_fn)(int32_t);
struct cbret_call { cbret_fn cb; int32_t x, r; };
static void cbret_run(void *p) {
    struct cbret_call *c = p;
    int1_fn f = c->cb(c->x);
    c->r = f == NULL ? INT32_MIN : f(c->x);
}
int32_t call_callback_ret(cbret_fn cb, int32_t x, int on_thread) {
    struct cbret_call c = {cb, x};
    run(on_thread, cbret_run, &c);
    return c.r;
}
