// Exit work of every kind a library has, each leaving a file in the directory given to
// exit_work_arm(): a C++ static object's destructor and a std::ofstream's buffered contents
// (both registered with __cxa_atexit when the library is loaded), an atexit handler (registered
// when exit_work_arm() is called) and a destructor function (run by the dynamic loader at exit).
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <unistd.h>

static char dir[4096];

static void leave(const char *name) {
    std::string path = std::string(dir) + "/" + name;
    int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd >= 0) {
        (void) !write(fd, "ran\n", 4);
        close(fd);
    }
}

struct Witness {
    ~Witness() { leave("static-destructor"); }
};
static Witness witness;          // its destructor is registered when the library loads
static std::ofstream log_file;   // so is this one's, which flushes what was written

static void at_exit_handler(void) { leave("atexit"); }

__attribute__((destructor)) static void library_destructor(void) { leave("destructor"); }

extern "C" int exit_work_arm(const char *directory) {
    strncpy(dir, directory, sizeof dir - 1);
    log_file.open((std::string(dir) + "/ofstream.log").c_str());
    log_file << "buffered until the ofstream is destroyed\n"; // no flush: only its destructor writes it
    return atexit(at_exit_handler);
}
