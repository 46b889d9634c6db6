#!/usr/bin/env python3
"""Sends numbered mails to the SMTP receiver as a mail server would: each mail is sent until it is
answered 250, retrying while the receiver is down. Writes the Message-ID of every mail the receiver
answered 250 to the ack file, one per line, the moment the 250 arrives."""
import smtplib
import sys
import threading
import time

host, port, first, count, threads, ack_path, give_up_after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], float(sys.argv[7])
lock = threading.Lock()
ack = open(ack_path, "a", buffering=1)


def mail(number):
    message_id = f"<crash-{number}@sender.example.nl>"
    body = (f"From: Deelnemer {number} <deelnemer{number}@example.nl>\r\n"
            f"To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
            f"Subject: Antwoord {number}\r\nMessage-ID: {message_id}\r\n\r\n"
            f"Dit is antwoord nummer {number}.\r\n")
    return message_id, body


def worker(numbers):
    connection = None
    for number in numbers:
        message_id, body = mail(number)
        deadline = time.time() + give_up_after
        while True:
            try:
                if connection is None:
                    connection = smtplib.SMTP(host, port, timeout=10)
                connection.sendmail(f"deelnemer{number}@example.nl", ["reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test"], body)
                with lock:
                    ack.write(message_id + "\n")
                break
            except (OSError, smtplib.SMTPException):
                connection = None
                if time.time() > deadline:
                    print(f"gave up on {message_id}", file=sys.stderr)
                    break
                time.sleep(0.2)
    if connection is not None:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            pass


numbers = list(range(first, first + count))
workers = [threading.Thread(target=worker, args=(numbers[i::threads],)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
