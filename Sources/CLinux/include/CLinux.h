// Linux system interfaces that Swift's Glibc module does not export.
#ifndef SCIMD_CLINUX_H
#define SCIMD_CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <stdint.h>
#include <stddef.h>

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC (a GNU extension, hence the wrapper).
int clinux_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len);

/// Fills `buf` with `len` bytes from the kernel CSPRNG, retrying on EINTR/short reads. 0 on success, -1 on error.
int clinux_getrandom_all(void *buf, size_t len);

/// errno as a function (a macro in C).
int clinux_errno(void);
void clinux_set_errno(int value);

/// Monotonic clock in nanoseconds.
uint64_t clinux_monotonic_ns(void);

/// Wall clock in milliseconds since the Unix epoch.
int64_t clinux_wall_ms(void);

/// Raises RLIMIT_NOFILE's soft limit to its hard limit; returns the new soft limit or -1.
long clinux_raise_nofile_limit(void);

/// Blocks SIGPIPE for the process (writes to closed sockets return EPIPE instead).
void clinux_ignore_sigpipe(void);

/// Sets IPV6_V6ONLY to 0 where available; harmless on IPv4 sockets.
int clinux_set_v6only(int fd, int on);

// ---- Event-loop helpers for the HTTP server ----

/// An unpacked epoll event (glibc's `struct epoll_event` is packed on x86-64, which Swift imports poorly).
typedef struct {
    uint32_t events;
    uint64_t data;
} clinux_epoll_event;

static const uint32_t CLINUX_EPOLLIN = EPOLLIN;
static const uint32_t CLINUX_EPOLLOUT = EPOLLOUT;
static const uint32_t CLINUX_EPOLLERR = EPOLLERR;
static const uint32_t CLINUX_EPOLLHUP = EPOLLHUP;
static const uint32_t CLINUX_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CLINUX_EPOLLET = EPOLLET;
static const uint32_t CLINUX_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;
static const int CLINUX_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int CLINUX_EPOLL_CTL_DEL = EPOLL_CTL_DEL;
static const int CLINUX_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int CLINUX_MSG_NOSIGNAL = MSG_NOSIGNAL;

/// epoll_ctl with the event mask and 64-bit user data passed by value.
int clinux_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);

/// epoll_wait into unpacked events; `max` is clamped to 512. Returns the count, or -1 with errno set.
int clinux_epoll_wait(int epfd, clinux_epoll_event *events, int max, int timeout_ms);

/// Sends `a` then `b` with one sendmsg(MSG_NOSIGNAL | MSG_DONTWAIT); either may be empty.
/// Returns bytes sent or -1 with errno set.
ssize_t clinux_send2(int fd, const void *a, size_t alen, const void *b, size_t blen);

/// Names the calling thread (at most 15 bytes are kept).
void clinux_set_thread_name(const char *name);

/// 1 if the CPU has a CRC-32C instruction that `clinux_crc32c_hw` uses (x86-64 SSE4.2), else 0.
int clinux_crc32c_hw_available(void);

/// The CRC-32C register after `n` bytes, from `crc` (no pre- or post-inversion: the caller does
/// that). Only call it when `clinux_crc32c_hw_available()` is 1.
uint32_t clinux_crc32c_hw(uint32_t crc, const void *p, size_t n);

#endif
