#!/usr/bin/env python3
"""Processor time of an instance per page view, two targets side by side.

Usage: python3 bench/pages/instance_ab.py A B ROUNDS REQUESTS EMAIL
  A, B      PORT:PID:PATHS, where PATHS is one path or a comma-separated list of paths; the same
            instance twice (two pages) or two instances on one database (two builds or two template
            directories, --spring.thymeleaf.prefix=file:DIR/) started as bench/pages/run.sh starts one.
            PATHS `own` is each client's coach's running trajectories (needs BRIEFWISSEL_BENCH_PSQL,
            the psql arguments of the database, e.g. "-h 127.0.0.1 -U postgres -d DB")
  ROUNDS    rounds of one burst each; the first round is not counted (JIT, connections)
  REQUESTS  page views per burst, by four clients at once
  EMAIL     a benchmark coach of `java -jar briefwissel.jar dataset` (password and authenticator code),
            or up to four, comma-separated: then each client has a session of its own (one session for
            four clients makes them queue for its row when it is written)

Each burst reads the target's processor time (utime + stime of its process, /proc) before and after,
so what the load tool spends does not count; PostgreSQL's processes (all of them, so keep the server
otherwise quiet) are read alongside and reported next to it. The bursts alternate, A then B, B then A,
and the result is the median of B/A per round: on a shared machine the speed of a whole minute moves
by half (docs/performance.md, fifth round); two targets measured within the same seconds do not.
A page counts only as 200 with a marker of a page (the write form or a heading), never the sign-in
form; a burst with a failure makes the run fail. Loopback only.
"""
import base64
import hashlib
import hmac
import http.cookiejar
import os
import re
import statistics
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = 'briefwissel-bench'
TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
CLIENTS = 4


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def totp(now):
    digest = hmac.new(base64.b32decode(TOTP_SECRET), struct.pack('>Q', int(now) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return '%06d' % ((struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7fffffff) % 1_000_000)


def sign_in(port, email):
    """Password, then the code of the current step; a code is taken once, so a refused one waits for the next."""
    base = 'http://127.0.0.1:%d' % port
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    csrf = lambda page: re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    login = browser.open(base + '/login').read().decode()
    browser.open(base + '/login', urllib.parse.urlencode({'email': email, 'password': PASSWORD, '_csrf': csrf(login)}).encode())
    for _ in range(3):
        form = browser.open(base + '/login/code').read().decode()
        try:
            after = browser.open(base + '/login/code', urllib.parse.urlencode({'code': totp(time.time()), '_csrf': csrf(form)}).encode())
            if '/login' not in after.geturl():
                return next(c.value for c in jar if c.name == 'BRIEFWISSEL_SESSION')
        except urllib.error.HTTPError as refused:
            # A refused code answers its form again with 422 (decision 0139); any other status is a failure.
            if refused.code != 422:
                raise
        time.sleep(30 - time.time() % 30 + 0.3)
    raise SystemExit('code refused three times for ' + email)


def processor_ms(pid):
    fields = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')


def postgres_ms():
    """Processor time of every PostgreSQL process on this machine."""
    total = 0.0
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                if open('/proc/%s/comm' % entry).read().strip().startswith('postgres'):
                    total += processor_ms(int(entry))
            except OSError:
                pass  # the process ended meanwhile
    return total


def own_trajectories(email):
    import shlex
    import subprocess
    query = ("select t.id from trajectory t join account a on a.id = t.coach_id "
             "where a.email = '%s' and t.status = 'RUNNING'" % email.replace("'", "''"))
    ids = subprocess.run(['psql', *shlex.split(os.environ['BRIEFWISSEL_BENCH_PSQL']), '-Atc', query],
                         capture_output=True, text=True, check=True).stdout.split()
    return ['/coach/trajectories/' + i for i in ids]


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    targets = []
    for spec in sys.argv[1:3]:
        port, pid, paths = spec.split(':', 2)
        targets.append((int(port), int(pid), paths))
    rounds, requests, emails = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split(',')
    # Sessions are valid on every instance of the database; client k uses coach k % len(emails).
    sessions = [sign_in(targets[0][0], email) for email in emails]
    own = {email: own_trajectories(email) for email in emails} if 'own' in (targets[0][2], targets[1][2]) else {}
    plain = urllib.request.build_opener(NoRedirect)

    def paths_of(target, k):
        return own[emails[k % len(emails)]] if target[2] == 'own' else target[2].split(',')

    def view(port, path, k):
        cookie = sessions[k % len(sessions)]
        request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path),
                                         headers={'Cookie': 'BRIEFWISSEL_SESSION=' + cookie, 'Accept-Language': 'nl'})
        try:
            with plain.open(request) as response:
                body = response.read()
                return response.status == 200 and (b'name="text"' in body or b'<h1' in body)
        except (urllib.error.URLError, OSError):
            return False

    def burst(target):
        port, pid = target[0], target[1]
        failures = []

        def client(k):
            paths = paths_of(target, k)
            for i in range(requests // CLIENTS):
                if not view(port, paths[(i + k) % len(paths)], k):
                    failures.append(paths[(i + k) % len(paths)])

        clients = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        before, database = processor_ms(pid), postgres_ms()
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        if failures:
            raise SystemExit('%d views failed on port %d, e.g. %s' % (len(failures), port, failures[0]))
        views = requests // CLIENTS * CLIENTS
        return (processor_ms(pid) - before) / views, (postgres_ms() - database) / views

    measured = ([], [])
    for r in range(rounds):
        for t in ((0, 1) if r % 2 == 0 else (1, 0)):
            ms = burst(targets[t])
            if r > 0:
                measured[t].append(ms)
    for t, spec in enumerate(sys.argv[1:3]):
        print('%-40s median %.3f ms per view, PostgreSQL %.3f  (%s)' % (
            spec[:40], statistics.median(m[0] for m in measured[t]), statistics.median(m[1] for m in measured[t]),
            ' '.join('%.2f' % m[0] for m in measured[t])))
    for name, of in (('instance', lambda m: m[0]), ('instance + PostgreSQL', lambda m: m[0] + m[1])):
        ratios = [of(b) / of(a) for a, b in zip(*measured)]
        print('B/A %s: median %.3f, mean %.3f over %d rounds  (%s)' % (
            name, statistics.median(ratios), statistics.mean(ratios), len(ratios), ' '.join('%.2f' % x for x in ratios)))


if __name__ == '__main__':
    main()
