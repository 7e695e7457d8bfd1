/*
 * An embedding host: a C program that creates the JVM itself (dlopen libjvm.so, JNI_CreateJavaVM)
 * and then calls static Java methods named run and main, first from the thread that created the
 * JVM, then from second pthreads attached with AttachCurrentThread (one unnamed, one that asks to
 * be named "main" and calls main first: a gate decides once per thread, at its first call). Used
 * by EmbeddingHostThreadOriginTest.
 *
 * usage: thread_origin_host <libjvm.so> <-Djava.class.path=...> <class, slash-separated>
 */
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stdio.h>

typedef jint (*create_vm)(JavaVM **, void **, void *);

static JavaVM *vm;
static jclass target;

/* Calls target.run() and target.main(null), main first if asked; 0 when both returned normally. */
static int call_both(JNIEnv *env, int main_first) {
    int failed = 0;
    jmethodID run = (*env)->GetStaticMethodID(env, target, "run", "()V");
    jmethodID main = (*env)->GetStaticMethodID(env, target, "main", "([Ljava/lang/String;)V");
    if (run == NULL || main == NULL) {
        (*env)->ExceptionDescribe(env);
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        if ((i == 0) == (main_first != 0)) {
            (*env)->CallStaticVoidMethod(env, target, main, NULL);
        } else {
            (*env)->CallStaticVoidMethod(env, target, run);
        }
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionDescribe(env);
            failed = 1;
        }
    }
    return failed;
}

static void *second_thread(void *name) {
    JNIEnv *env;
    JavaVMAttachArgs args = {JNI_VERSION_1_8, (char *) name, NULL};
    if ((*vm)->AttachCurrentThread(vm, (void **) &env, &args) != JNI_OK) {
        return (void *) 2;
    }
    int failed = call_both(env, name != NULL); /* the one named "main" calls main first */
    (*vm)->DetachCurrentThread(vm);
    return (void *) (long) failed;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s <libjvm.so> <-Djava.class.path=...> <class>\n", argv[0]);
        return 64;
    }
    void *libjvm = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    create_vm create = libjvm == NULL ? NULL : (create_vm) dlsym(libjvm, "JNI_CreateJavaVM");
    if (create == NULL) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
        return 65;
    }
    JavaVMOption options[1] = {{argv[2], NULL}};
    JavaVMInitArgs init = {JNI_VERSION_1_8, 1, options, JNI_FALSE};
    JNIEnv *env;
    if (create(&vm, (void **) &env, &init) != JNI_OK) {
        fprintf(stderr, "JNI_CreateJavaVM failed\n");
        return 66;
    }
    jclass local = (*env)->FindClass(env, argv[3]);
    if (local == NULL) {
        (*env)->ExceptionDescribe(env);
        return 67;
    }
    target = (*env)->NewGlobalRef(env, local);
    int failed = call_both(env, 0);
    const char *names[2] = {NULL, "main"};
    for (int i = 0; i < 2; i++) {
        pthread_t t;
        void *result;
        if (pthread_create(&t, NULL, second_thread, (void *) names[i]) != 0 || pthread_join(t, &result) != 0) {
            return 68;
        }
        failed |= (int) (long) result;
    }
    printf("host done\n");
    fflush(stdout);
    (*vm)->DestroyJavaVM(vm);
    return failed;
}
