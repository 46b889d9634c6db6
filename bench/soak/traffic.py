#!/usr/bin/env python3
"""Mixed traffic for the soak run: the demo coach reads the workspace and conversations and writes,
the demo participant reads and writes on the web, participants reply by mail through the SMTP
receiver. Runs for the given number of seconds and prints one JSON line with the counts and errors.
Usage: traffic.py BASE_URL SMTP_PORT SECONDS TOKENS_FILE (lines: token<TAB>participant address)"""
import html
import http.cookiejar
import json
import re
import smtplib
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

base, smtp_port, seconds, tokens_file = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
deadline = time.time() + seconds
counts = {"pages": 0, "writes": 0, "mails": 0}
errors = []
lock = threading.Lock()


def count(kind):
    with lock:
        counts[kind] += 1


def error(what):
    with lock:
        errors.append(what)


class Browser:
    def __init__(self, email):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.email = email
        self.sign_in()

    def get(self, path):
        with self.opener.open(base + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def post(self, path, form_page, fields):
        csrf = re.search(r'name="_csrf" value="([^"]+)"', form_page).group(1)
        data = urllib.parse.urlencode({**fields, "_csrf": html.unescape(csrf)}).encode()
        with self.opener.open(base + path, data=data, timeout=30) as response:
            return response.read().decode("utf-8")

    def sign_in(self):
        page = self.get("/login")
        self.post("/login", page, {"email": self.email, "password": "briefwissel"})


def until_deadline(who, step):
    """Runs step(n) for n = 0, 1, ... until the deadline; a failed step is counted and the next follows."""
    n = 0
    while time.time() < deadline:
        try:
            step(n)
        except (urllib.error.URLError, OSError, AttributeError) as e:
            error(f"{who}: {e}")
            time.sleep(1)
        n += 1


def coach():
    browser = Browser("coach@briefwissel.test")

    def round_of_conversations(n):
        workspace = browser.get("/coach")
        count("pages")
        trajectories = sorted(set(re.findall(r'/coach/trajectories/([0-9a-f-]{36})"', workspace)))
        if not trajectories:
            error("coach: no trajectories on the workspace")
            time.sleep(1)
        for i, trajectory in enumerate(trajectories):
            page = browser.get(f"/coach/trajectories/{trajectory}")
            count("pages")
            if (n + i) % 5 == 0:
                browser.post(f"/coach/trajectories/{trajectory}/messages", page,
                             {"text": f"Beste deelnemer, dank voor je bericht. Vraag {n}: wat gaf je vandaag energie?"})
                count("writes")
            time.sleep(0.3)

    until_deadline("coach", round_of_conversations)


def participant():
    browser = Browser("deelnemer@briefwissel.test")

    def visit(n):
        for path in ("/participant", "/participant/conversation"):
            page = browser.get(path)
            count("pages")
        if n % 10 == 0:
            browser.post("/participant/conversation", page, {"text": f"Op het web geschreven, bericht {n}."})
            count("writes")
        time.sleep(2)

    until_deadline("participant", visit)


def mail():
    tokens = [line.rstrip("\n").split("\t") for line in open(tokens_file) if line.strip()]
    n = 0
    while time.time() < deadline:
        token, address = tokens[n % len(tokens)]
        body = (f"From: <{address}>\r\nTo: <reply+{token}@briefwissel.test>\r\nSubject: Re: Je e-coach\r\n"
                f"Message-ID: <soak-{n}-{time.time()}@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                f"Dank je wel. Dit is mijn antwoord nummer {n}: ik merk dat ik rust vind in het schrijven.\r\n\r\n"
                f"Op 1 december schreef Coach:\r\n> Wat gaf je energie?\r\n")
        try:
            with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as connection:
                connection.sendmail(address, [f"reply+{token}@briefwissel.test"], body.encode("utf-8"))
            count("mails")
        except (OSError, smtplib.SMTPException) as e:
            error(f"mail: {e}")
        n += 1
        time.sleep(2)


threads = [threading.Thread(target=t) for t in (coach, participant, mail)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({**counts, "errors": len(errors), "first_errors": errors[:10]}))
