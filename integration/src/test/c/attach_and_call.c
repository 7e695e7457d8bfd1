/*
 * A native thread that someone other than JNA attaches to the JVM: pthread_create, then JNI
 * AttachCurrentThread, then a static Java method. The Java method calls native code which calls
 * a gated JNA callback back on that same thread. Used by JniAttachedThreadTest.
 */
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stdint.h>

typedef jint (*get_created_vms)(JavaVM **, jsize, jsize *);

struct target {
    const char *class_name; /* "pkg/Outer$Inner" */
    const char *method;     /* static, ()V */
    int status;
};

static void *attach_and_call(void *arg) {
    struct target *t = arg;
    get_created_vms get = (get_created_vms) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    JavaVM *vm;
    jsize count = 0;
    JNIEnv *env;
    if (get == NULL || get(&vm, 1, &count) != JNI_OK || count < 1) {
        t->status = 1;
        return NULL;
    }
    if ((*vm)->AttachCurrentThread(vm, (void **) &env, NULL) != JNI_OK) {
        t->status = 2;
        return NULL;
    }
    jclass cls = (*env)->FindClass(env, t->class_name);
    jmethodID mid = cls == NULL ? NULL : (*env)->GetStaticMethodID(env, cls, t->method, "()V");
    if (mid == NULL) {
        t->status = 3;
    } else {
        (*env)->CallStaticVoidMethod(env, cls, mid);
        t->status = (*env)->ExceptionCheck(env) ? 4 : 0;
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
    }
    (*vm)->DetachCurrentThread(vm);
    return NULL;
}

/* Runs class_name.method() on a new native thread attached through JNI; returns 0 when it ran. */
int callgate_test_run_attached(const char *class_name, const char *method) {
    struct target t = {class_name, method, -1};
    pthread_t thread;
    if (pthread_create(&thread, NULL, attach_and_call, &t) != 0) {
        return -1;
    }
    pthread_join(thread, NULL);
    return t.status;
}
