// A program that embeds a JVM, as C and C++ applications do: dlopen libjvm, JNI_CreateJavaVM,
// call one static Java method, DestroyJavaVM, then return from main. Its own exit work (an atexit
// handler registered before the JVM existed) leaves a file.
//   embedding_host <libjvm.so> <class path> <marker file> <class> <method> [JVM option]
// Status: what main returns (0), or 10+ when a step failed.
#include <dlfcn.h>
#include <fcntl.h>
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *marker;

static void host_exit_work(void) {
    int fd = open(marker, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd >= 0) {
        (void) !write(fd, "ran\n", 4);
        close(fd);
    }
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s libjvm classpath marker class method [option]\n", argv[0]);
        return 10;
    }
    marker = argv[3];
    atexit(host_exit_work);
    void *libjvm = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (libjvm == NULL) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 11;
    }
    jint (*create)(JavaVM **, void **, void *) = (jint (*)(JavaVM **, void **, void *)) dlsym(libjvm, "JNI_CreateJavaVM");
    char *class_path = malloc(strlen(argv[2]) + 32);
    sprintf(class_path, "-Djava.class.path=%s", argv[2]);
    JavaVMOption options[2];
    int count = 0;
    options[count++].optionString = class_path;
    if (argc > 6) {
        options[count++].optionString = argv[6];
    }
    JavaVMInitArgs init = {JNI_VERSION_1_8, count, options, JNI_FALSE};
    JavaVM *vm;
    JNIEnv *env;
    if (create == NULL || create(&vm, (void **) &env, &init) != JNI_OK) {
        return 12;
    }
    jclass type = (*env)->FindClass(env, argv[4]);
    jmethodID method = type == NULL ? NULL : (*env)->GetStaticMethodID(env, type, argv[5], "()V");
    if (method == NULL) {
        (*env)->ExceptionDescribe(env);
        return 13;
    }
    (*env)->CallStaticVoidMethod(env, type, method);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        return 14;
    }
    (*vm)->DestroyJavaVM(vm);
    printf("host: JVM destroyed, returning from main\n");
    return 0;
}
