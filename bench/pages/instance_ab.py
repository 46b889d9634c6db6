#!/usr/bin/env python3
"""Processor time of an instance per page view, two targets side by side.

Usage: python3 bench/pages/instance_ab.py A B ROUNDS REQUESTS EMAIL
  A, B      PORT:PID:PATHS, where PATHS is one path or a comma-separated list of paths; the same
            instance twice (two pages) or two instances on one database (two builds or two template
            directories, --spring.thymeleaf.prefix=file:DIR/) started as bench/pages/run.sh starts one
  ROUNDS    rounds of one burst each; the first round is not counted (JIT, connections)
  REQUESTS  page views per burst, by four clients at once
  EMAIL     a benchmark coach of `java -jar briefwissel.jar dataset` (password and authenticator code)

Each burst reads the target's processor time (utime + stime of its process, /proc) before and after,
so what the load tool and PostgreSQL spend does not count. The bursts alternate, A then B, B then A,
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
        after = browser.open(base + '/login/code', urllib.parse.urlencode({'code': totp(time.time()), '_csrf': csrf(form)}).encode())
        if '/login' not in after.geturl():
            return next(c.value for c in jar if c.name == 'BRIEFWISSEL_SESSION')
        time.sleep(30 - time.time() % 30 + 0.3)
    raise SystemExit('code refused three times for ' + email)


def processor_ms(pid):
    fields = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    targets = []
    for spec in sys.argv[1:3]:
        port, pid, paths = spec.split(':', 2)
        targets.append((int(port), int(pid), paths.split(',')))
    rounds, requests, email = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    cookie = sign_in(targets[0][0], email)  # one session, valid on every instance of the database
    plain = urllib.request.build_opener(NoRedirect)

    def view(port, path):
        request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path),
                                         headers={'Cookie': 'BRIEFWISSEL_SESSION=' + cookie, 'Accept-Language': 'nl'})
        try:
            with plain.open(request) as response:
                body = response.read()
                return response.status == 200 and (b'name="text"' in body or b'<h1' in body)
        except (urllib.error.URLError, OSError):
            return False

    def burst(target):
        port, pid, paths = target
        failures = []

        def client(k):
            for i in range(requests // CLIENTS):
                if not view(port, paths[(i + k) % len(paths)]):
                    failures.append(paths[(i + k) % len(paths)])

        clients = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        before = processor_ms(pid)
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        if failures:
            raise SystemExit('%d views failed on port %d, e.g. %s' % (len(failures), port, failures[0]))
        return (processor_ms(pid) - before) / (requests // CLIENTS * CLIENTS)

    measured = ([], [])
    for r in range(rounds):
        for t in ((0, 1) if r % 2 == 0 else (1, 0)):
            ms = burst(targets[t])
            if r > 0:
                measured[t].append(ms)
    for t, spec in enumerate(sys.argv[1:3]):
        print('%-40s median %.3f ms per view  (%s)' % (spec[:40], statistics.median(measured[t]),
                                                       ' '.join('%.2f' % x for x in measured[t])))
    ratios = [b / a for a, b in zip(*measured)]
    print('B/A median %.3f, mean %.3f over %d rounds  (%s)' % (statistics.median(ratios), statistics.mean(ratios),
                                                               len(ratios), ' '.join('%.2f' % x for x in ratios)))


if __name__ == '__main__':
    main()
