/* growth-run.c: run one command, report its CPU time, peak memory and output
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   growth-run [--cpu-ms N] [--rss-kb N] [--out-bytes N] [--wall-ms N] -- COMMAND [ARGS…]
 *
 * The measuring half of tests/bench/growth.py. Forks, runs COMMAND with
 * its standard output into a pipe that is counted and thrown away (its
 * standard error passes through), waits for it with wait4() and prints one
 * line on standard output:
 *
 *   exit=E signal=S killed=WHAT cpu_us=N wall_us=N rss_kb=N out_bytes=N
 *
 * cpu_us is the child's user and system time, rss_kb its peak resident
 * memory (ru_maxrss). A program of its own because a child forked from the
 * Python harness would inherit the harness's resident size as its peak
 * (Linux keeps the larger of the forked copy's and the new program's):
 * forked from this small process, the peak is the command's own.
 *
 * With a limit, the command is killed (SIGKILL) as soon as it passes it —
 * its CPU time and peak memory polled from /proc every 10 ms, its output
 * counted as it comes — and killed= names the limit (cpu, rss, out, wall);
 * the figures are then those at the kill. The harness sets the limits from
 * its bound: a command that passes one has already failed, and a quadratic
 * shape costs no more than the bound allows.
 *
 *   growth-run --control linear|quadratic N
 *
 * The harness's controls: work linear or quadratic in N (memory and
 * output linear in both). The first must pass the check, the second fail:
 * if either does not, the check cannot be trusted on this machine.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* user + system time of a running process, from /proc/PID/stat */
static int64_t
proc_cpu_us (pid_t pid)
{
  char path[64], buf[4096];
  unsigned long long utime, stime;
  const char *p;
  ssize_t len;
  int fd, field;

  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  if ((fd = open (path, O_RDONLY)) < 0)
    return -1;
  len = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (len <= 0)
    return -1;
  buf[len] = '\0';
  /* the command name may hold spaces: count fields after its ')' */
  if ((p = strrchr (buf, ')')) == NULL)
    return -1;
  for (field = 2; field < 13 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu %llu", &utime, &stime) != 2)
    return -1;
  return (int64_t) (utime + stime) * 1000000 / sysconf (_SC_CLK_TCK);
}

/* the peak resident size of a running process (VmHWM), in KiB */
static long long
proc_hwm_kb (pid_t pid)
{
  char path[64], buf[4096];
  const char *p;
  ssize_t len;
  int fd;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  if ((fd = open (path, O_RDONLY)) < 0)
    return -1;
  len = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (len <= 0)
    return -1;
  buf[len] = '\0';
  if ((p = strstr (buf, "VmHWM:")) == NULL)
    return -1;
  return strtoll (p + strlen ("VmHWM:"), NULL, 10);
}

static long long
arg_value (const char *option,
           const char *value)
{
  char *end;
  long long v;

  errno = 0;
  v = value != NULL ? strtoll (value, &end, 10) : -1;
  if (value == NULL || errno != 0 || *end != '\0' || v < 0)
    {
      fprintf (stderr, "growth-run: %s needs a non-negative integer\n", option);
      exit (2);
    }
  return v;
}

/* --control: N·1000 or N·N steps of arithmetic, N·64 bytes of memory
 * touched, N lines of output */
static int
control (const char *kind,
         long long   n)
{
  volatile uint64_t sink = 0;
  unsigned char *memory;
  uint64_t x = 88172645463325252u;
  long long i, j, inner;

  if (strcmp (kind, "linear") == 0)
    inner = 1000;
  else if (strcmp (kind, "quadratic") == 0)
    inner = n;
  else
    {
      fprintf (stderr, "growth-run: --control linear or quadratic\n");
      return 2;
    }
  if ((memory = malloc ((size_t) n * 64 + 1)) == NULL)
    return 2;
  for (i = 0; i < n; i++)
    {
      for (j = 0; j < inner; j++)
        {
          x ^= x << 13;
          x ^= x >> 7;
          x ^= x << 17;
        }
      sink += x;
      memset (memory + i * 64, (int) (x & 0xff), 64);
      printf ("%lld %02x\n", i, memory[i * 64]);
    }
  free (memory);
  return sink == 0;
}

int
main (int    argc,
      char **argv)
{
  long long cpu_limit_ms = 0, rss_limit_kb = 0, out_limit = 0, wall_limit_ms = 0;
  long long out_bytes = 0;
  const char *killed = "none";
  struct rusage ru;
  int64_t start, wall;
  int64_t last_check = 0;
  int i, fds[2], status = 0, eof = 0, reaped = 0;
  pid_t pid;
  char buf[65536];

  if (argc == 4 && strcmp (argv[1], "--control") == 0)
    return control (argv[2], arg_value (argv[1], argv[3]));

  for (i = 1; i < argc && strcmp (argv[i], "--") != 0; i += 2)
    {
      if (strcmp (argv[i], "--cpu-ms") == 0)
        cpu_limit_ms = arg_value (argv[i], argv[i + 1]);
      else if (strcmp (argv[i], "--rss-kb") == 0)
        rss_limit_kb = arg_value (argv[i], argv[i + 1]);
      else if (strcmp (argv[i], "--out-bytes") == 0)
        out_limit = arg_value (argv[i], argv[i + 1]);
      else if (strcmp (argv[i], "--wall-ms") == 0)
        wall_limit_ms = arg_value (argv[i], argv[i + 1]);
      else
        {
          fprintf (stderr, "growth-run: unknown option %s\n", argv[i]);
          return 2;
        }
    }
  if (i + 1 >= argc)
    {
      fprintf (stderr, "usage: growth-run [--cpu-ms N] [--rss-kb N] [--out-bytes N] [--wall-ms N] -- COMMAND [ARGS…]\n");
      return 2;
    }
  argv += i + 1;

  if (pipe (fds) != 0)
    {
      perror ("growth-run: pipe");
      return 2;
    }
  start = now_us ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("growth-run: fork");
      return 2;
    }
  if (pid == 0)
    {
      close (fds[0]);
      if (dup2 (fds[1], STDOUT_FILENO) < 0)
        _exit (127);
      close (fds[1]);
      execvp (argv[0], argv);
      fprintf (stderr, "growth-run: %s: %s\n", argv[0], strerror (errno));
      _exit (127);
    }
  close (fds[1]);

  /* count the output until the command has gone, checking the limits
   * every 10 ms */
  while (!reaped)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      int64_t t;

      if (poll (&pfd, eof ? 0 : 1, 10) > 0)
        {
          ssize_t len = read (fds[0], buf, sizeof buf);

          if (len > 0)
            out_bytes += len;
          else if (len == 0 || errno != EINTR)
            eof = 1;
        }
      if (strcmp (killed, "none") == 0 && (t = now_us ()) - last_check >= 10000)
        {
          last_check = t;
          if (out_limit > 0 && out_bytes > out_limit)
            killed = "out";
          else if (cpu_limit_ms > 0 && proc_cpu_us (pid) > cpu_limit_ms * 1000)
            killed = "cpu";
          else if (rss_limit_kb > 0 && proc_hwm_kb (pid) > rss_limit_kb)
            killed = "rss";
          else if (wall_limit_ms > 0 && t - start > wall_limit_ms * 1000)
            killed = "wall";
          if (strcmp (killed, "none") != 0)
            kill (pid, SIGKILL);
        }
      if (wait4 (pid, &status, WNOHANG, &ru) == pid)
        reaped = 1;
    }
  /* what it wrote before it went */
  while (!eof)
    {
      ssize_t len = read (fds[0], buf, sizeof buf);

      if (len > 0)
        out_bytes += len;
      else if (len == 0 || errno != EINTR)
        eof = 1;
    }
  close (fds[0]);
  wall = now_us () - start;

  printf ("exit=%d signal=%d killed=%s cpu_us=%lld wall_us=%lld rss_kb=%ld out_bytes=%lld\n",
          WIFEXITED (status) ? WEXITSTATUS (status) : -1, WIFSIGNALED (status) ? WTERMSIG (status) : 0, killed,
          (long long) ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec,
          (long long) wall, ru.ru_maxrss, out_bytes);
  return 0;
}
