#!/usr/bin/env python3
"""Drives two Briefwissel nodes for bench/nodes/two-nodes.sh, as a browser and mail servers would.

  session  NODE1 NODE2 EMAIL PASSWORD TRAJECTORY     signs in on node 1, then opens the coach's
                                                     conversation page on node 2 with that cookie
  write    NODE1 NODE2 EMAIL PASSWORD TRAJECTORY N   the coach writes N messages through both nodes
                                                     at once: a session signed in on node 1 writes
                                                     through node 2 and one from node 2 through node 1
  mail     HOST PORT FIRST COUNT FROM TO PREFIX      sends COUNT replies over SMTP (one connection)

Python 3.11 standard library only. Exits non-zero with a sentence on the first thing that is wrong."""
import http.client
import re
import smtplib
import sys
import threading
import urllib.parse

COOKIE = "BRIEFWISSEL_SESSION"


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def request(node, method, path, cookie=None, form=None):
    host, port = node.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {}
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    new_cookie = cookie
    for name, value in response.getheaders():
        if name.lower() == "set-cookie" and value.startswith(COOKIE + "="):
            new_cookie = value.split(";", 1)[0].split("=", 1)[1]
    connection.close()
    return response.status, response.getheader("Location") or "", text, new_cookie


def csrf(html, where):
    found = re.search(r'name="_csrf"\s+value="([^"]+)"', html) or re.search(r'value="([^"]+)"\s+name="_csrf"', html)
    if not found:
        fail(f"no CSRF token on {where}")
    return found.group(1)


def sign_in(node, email, password):
    status, _, html, cookie = request(node, "GET", "/login")
    if status != 200 or not cookie:
        fail(f"GET /login on {node} answered {status} without a session cookie")
    status, location, _, cookie = request(node, "POST", "/login", cookie,
                                          {"email": email, "password": password, "_csrf": csrf(html, "/login")})
    if status != 302 or "/login" in location:
        fail(f"signing in as {email} on {node} failed: {status} to {location or '(nowhere)'}")
    return cookie


def page(node, path, cookie, expect):
    status, location, html, _ = request(node, "GET", path, cookie)
    if status != 200:
        fail(f"GET {path} on {node} answered {status}{' to ' + location if location else ''}, not 200")
    if expect not in html:
        fail(f"GET {path} on {node} does not show '{expect}'")
    return html


def session(node1, node2, email, password, trajectory):
    path = f"/coach/trajectories/{trajectory}"
    status, location, _, _ = request(node2, "GET", path)
    if status != 302 or "/login" not in location:
        fail(f"without a cookie node 2 answered {status} to {location}; expected a redirect to /login")
    cookie = sign_in(node1, email, password)
    html = page(node2, path, cookie, "Sanne Bakker")
    if 'action="/logout"' not in html and "/logout" not in html:
        fail("node 2 showed the page but not as signed in (no sign-out)")
    print(f"signed in on node 1; node 2 shows {path} to that session (200, signed in)")


def write(node1, node2, email, password, trajectory, count):
    path = f"/coach/trajectories/{trajectory}"
    errors = []

    def writer(signed_in_on, writes_through, numbers):
        try:
            cookie = sign_in(signed_in_on, email, password)
            token = csrf(page(writes_through, path, cookie, "Sanne Bakker"), path)
            for number in numbers:
                status, location, _, cookie = request(writes_through, "POST", path + "/messages", cookie,
                                                      {"text": f"Bericht {number} van de coach, via twee nodes.",
                                                       "_csrf": token})
                if status != 302 or "#sent" not in location:
                    errors.append(f"message {number} through {writes_through}: {status} to {location}")
                    return
        except SystemExit:
            errors.append(f"writer through {writes_through} stopped")
        except Exception as e:  # noqa: BLE001 - reported, then the script fails
            errors.append(f"writer through {writes_through}: {e!r}")

    numbers = list(range(1, count + 1))
    threads = [threading.Thread(target=writer, args=(node1, node2, numbers[0::2])),
               threading.Thread(target=writer, args=(node2, node1, numbers[1::2]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        fail("; ".join(errors))
    print(f"the coach wrote {count} messages, half through each node, each with a session from the other node")


def mail(host, port, first, count, sender, recipient, prefix):
    connection = smtplib.SMTP(host, port, timeout=30)
    for number in range(first, first + count):
        body = (f"From: Sanne Bakker <{sender}>\r\nTo: {recipient}\r\n"
                f"Subject: Re: Bericht van je coach\r\nMessage-ID: <{prefix}-{number}@deelnemer.example.nl>\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\n\r\nDit is mijn antwoord nummer {number}.\r\n")
        connection.sendmail(sender, [recipient], body.encode("utf-8"))
    connection.quit()


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "session":
        session(*arguments)
    elif command == "write":
        write(*arguments[:5], int(arguments[5]))
    elif command == "mail":
        mail(arguments[0], int(arguments[1]), int(arguments[2]), int(arguments[3]), *arguments[4:7])
    else:
        fail(f"unknown command {command}")
