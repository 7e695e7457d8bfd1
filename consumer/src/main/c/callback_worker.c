/*
 * The consumer test's native caller: calls a callback from a thread it creates with pthread_create
 * (a thread the JVM never created), or on the calling thread. Built by .ci/consumer.sh with gcc.
 */
#include <pthread.h>

typedef int (*int_callback)(int);

struct job {
    int_callback callback;
    int argument;
    int result;
};

static void *run_job(void *p) {
    struct job *job = p;
    job->result = job->callback(job->argument);
    return 0;
}

/* Calls callback(argument) on a new native thread and returns its result; -1 if no thread starts. */
int call_from_new_thread(int_callback callback, int argument) {
    struct job job = {callback, argument, 0};
    pthread_t thread;
    if (pthread_create(&thread, 0, run_job, &job) != 0) {
        return -1;
    }
    pthread_join(thread, 0);
    return job.result;
}

/* Calls callback(argument) on the calling thread. */
int call_here(int_callback callback, int argument) {
    return callback(argument);
}
