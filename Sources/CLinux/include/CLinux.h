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

#endif
