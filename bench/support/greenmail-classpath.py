#!/usr/bin/env python3
"""Copies GreenMail and the mail libraries it needs out of the application jar into a directory, so
bench/support/MailServer.java runs with `java -cp "DIR/*"` and no build tool (and no Maven lock).
Usage: greenmail-classpath.py APPLICATION_JAR DIR"""
import os
import re
import sys
import zipfile

os.makedirs(sys.argv[2], exist_ok=True)
with zipfile.ZipFile(sys.argv[1]) as jar:
    for name in jar.namelist():
        if re.match(r"BOOT-INF/lib/(greenmail|jakarta\.mail|jakarta\.activation|angus|slf4j-api)-", name):
            with open(os.path.join(sys.argv[2], os.path.basename(name)), "wb") as out:
                out.write(jar.read(name))
